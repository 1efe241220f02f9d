import Fluent
import Foundation
import PraktikCore
import SQLKit
import SnapshotTesting
import Testing
import Vapor

@testable import PraktikServer

/// The pages people meet, rendered from fixed records on a fixed clock and compared with the
/// snapshots under `__Snapshots__/PageSnapshotTests/`: a change to a page's words, structure or
/// escaping shows as a diff to review, where searching a body for a word would pass. Ids and
/// tokens, which differ per run, are replaced before comparing. A changed page is recorded again with
/// `SNAPSHOT_TESTING_RECORD=failed swift test --filter PageSnapshotTests`; review the diff before
/// committing it.
@Suite("Page snapshots", .serialized)
struct PageSnapshotTests {
    /// Replaces what differs between runs: record ids, CSRF tokens, link secrets.
    static func stable(_ html: String) throws -> String {
        var text = html
        text = text.replacing(try Regex(#"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"#), with: "<id>")
        text = text.replacing(try Regex(#"name="_csrf" value="[^"]*""#), with: #"name="_csrf" value="<csrf>""#)
        text = text.replacing(try Regex(#"-[0-9A-Fa-f]{8}@test\.example"#), with: "-<n>@test.example")
        // The application form's idempotency key is drawn at random for each page view.
        text = text.replacing(try Regex(#"name="submissionKey" value="[^"]*""#), with: #"name="submissionKey" value="<key>""#)
        // The secret of a mailed link, in the page's own form action.
        text = text.replacing(try Regex(#"(/(?:forms|agreement|outcome|offers|interviews|portal/link|apply/status)/)[A-Za-z0-9_-]{43}"#)) {
            "\($0.output[1].substring ?? "")<token>"
        }
        return text
    }

    /// A case worker's unit with one participant placed at one employer, an admin, an analyst, an
    /// employer contact of the workplace and the participant's portal account; names fixed.
    struct World {
        let placementID: UUID
        let participantID: UUID
        let employerID: UUID
        let workplaceID: UUID
        let placeID: UUID
        let unitID: UUID
        let browsers: [String: Browser]
    }

    /// `step` runs between the records that leave a trace in the participant's history and access
    /// log, so a test can move the clock and have them in one order on every database.
    static func world(_ app: Application, step: () -> Void = {}) async throws -> World {
        let unit = try await Fixtures.unit(app, code: "JT-SNAP", name: "Jobbtorg Snapshot")
        let participant = try await Fixtures.participant(
            app, unit: unit, firstName: "Leyla", lastName: "Ahmadi",
            personNumber: Fixtures.personNumber(year: 1990, month: 5, day: 14, serial: 123), email: "leyla.ahmadi@example.se")
        let participantID = try participant.requireID()
        // Fluent stamps `created_at` with the wall clock; the page's timeline shows it.
        try await app.db.sql.raw("UPDATE participants SET created_at = \(bind: app.clock.now()) WHERE id = \(bind: participantID)").run()
        for purpose in [BuiltInConsentPurpose.programmePartners, .employerProfile] {
            step()
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: purpose.rawValue, channel: .paper, participantID: participantID, by: Fixtures.adminActor)
        }
        let employer = try await Fixtures.employer(app, name: "Ek Bygg AB", number: Fixtures.organisationNumber(1))
        try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-18")
        let workplace = try await Fixtures.workplace(app, of: employer)
        let place = try await Fixtures.place(app, at: workplace, unit: unit, capacity: 2, start: "2026-12-01", end: "2027-06-30")
        step()
        let placement = try await Fixtures.decide(
            app,
            PlacementDecisionService.Input(
                participantID: participantID, placeID: try place.requireID(), programme: "arbetspraktik",
                start: try Fixtures.date("2026-12-01"), end: nil, basis: .direct(justification: "Stadsdelens beslut"),
                purpose: "toward_employment", language: nil, note: nil))

        var browsers: [String: Browser] = ["anonymous": Browser(app)]
        for (role, email) in [(Role.caseWorker, "samir@test.example"), (.admin, "alva@test.example"), (.analyst, "jonas@test.example")] {
            try await Fixtures.user(app, role: role, email: email, unit: role == .caseWorker ? unit : nil)
            let browser = Browser(app)
            try await browser.signIn(email)
            browsers[role.rawValue] = browser
        }
        let (contact, _) = try await Fixtures.contact(app, of: [workplace])
        browsers["employer_contact"] = contact
        return World(
            placementID: try placement.requireID(), participantID: participantID, employerID: try employer.requireID(),
            workplaceID: try workplace.requireID(), placeID: try place.requireID(), unitID: try unit.requireID(), browsers: browsers)
    }

    @Test("the pages people meet look as recorded")
    func pages() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let pages: [(who: String, name: String, path: String)] = [
                ("anonymous", "login", "/login"),
                ("anonymous", "glossary", "/glossary"),
                ("anonymous", "apply", "/apply"),
                ("anonymous", "portal-sign-in", "/portal/sign-in"),
                ("case_worker", "worklist", "/worklist"),
                ("case_worker", "participants", "/participants"),
                ("case_worker", "participant", "/participants/\(world.participantID.uuidString)"),
                ("case_worker", "placements", "/placements"),
                ("case_worker", "placement", "/placements/\(world.placementID.uuidString)"),
                ("case_worker", "placement-letter", "/placements/\(world.placementID.uuidString)/letter"),
                ("case_worker", "places", "/places"),
                ("case_worker", "participant-new", "/participants/new"),
                ("case_worker", "participant-edit", "/participants/\(world.participantID.uuidString)/edit"),
                ("case_worker", "transfers", "/participants/transfers"),
                ("case_worker", "employers", "/employers"),
                ("case_worker", "employer", "/employers/\(world.employerID.uuidString)"),
                ("case_worker", "employer-new", "/employers/new"),
                ("case_worker", "employer-signals", "/employers/signals"),
                ("case_worker", "employer-import", "/employers/import"),
                ("case_worker", "workplace", "/workplaces/\(world.workplaceID.uuidString)"),
                ("case_worker", "place", "/places/\(world.placeID.uuidString)"),
                ("case_worker", "place-edit", "/places/\(world.placeID.uuidString)/edit"),
                ("case_worker", "intakes", "/intakes"),
                ("case_worker", "account", "/account"),
                ("admin", "check-types", "/admin/employer-checks"),
                ("admin", "consent-purposes", "/admin/consent-purposes"),
                ("admin", "users", "/admin/users"),
                ("admin", "user-new", "/admin/users/new"),
                ("admin", "units", "/admin/units"),
                ("admin", "unit", "/admin/units/\(world.unitID.uuidString)"),
                ("admin", "api-tokens", "/admin/api-tokens"),
                ("admin", "retention", "/admin/retention"),
                ("admin", "history-import", "/admin/history-import"),
                ("admin", "outcome-import", "/outcomes/import"),
                ("admin", "follow-up-templates", "/admin/follow-up-templates"),
                ("admin", "placement-programmes", "/admin/placement-programmes"),
                ("admin", "eligibility-rules", "/eligibility-rules"),
                ("analyst", "compilation", "/employers/compilation"),
                ("analyst", "reports", "/reports"),
                ("analyst", "report-starts", "/reports/starts?from=2026-01-01&to=2026-12-31"),
                ("analyst", "board-report", "/board-report?from=2026-01-01&to=2026-12-31"),
                ("employer_contact", "employer-portal", "/employer-portal"),
                ("employer_contact", "employer-portal-workplace", "/employer-portal/workplaces/\(world.workplaceID.uuidString)"),
                ("employer_contact", "employer-portal-place", "/employer-portal/places/\(world.placeID.uuidString)"),
                ("employer_contact", "employer-portal-interns", "/employer-portal/interns"),
                ("employer_contact", "employer-portal-shortlists", "/employer-portal/shortlists"),
            ]
            for language in AppLanguage.allCases {
                for browser in world.browsers.values {
                    try await browser.get("/login")
                    try await browser.post("/language", form: ["language": language.tag, "returnTo": "/login"])
                }
                for page in pages {
                    let browser = try #require(world.browsers[page.who])
                    let response = try await browser.get(page.path)
                    #expect(response.status == .ok, "\(page.who) \(page.path) in \(language.tag)")
                    assertSnapshot(
                        of: try Self.stable(response.body.string), as: .lines, named: "\(page.name).\(language.tag)",
                        record: Self.recordMode)
                }
            }
        }
    }

    /// An intake with one application, seen by an admin: the intake's pages and the application's.
    @Test("the intake pages look as recorded")
    func intakePages() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JS-SNAP", name: "Jobbsprånget Snapshot")
            let programme = try await Fixtures.programme(app, unit: unit, code: "jobbspranget-snap")
            let intake = try await Fixtures.intake(app, programme: programme)
            let application = try await Fixtures.application(
                app, intake: intake,
                form: Fixtures.applicationForm(
                    personNumber: Fixtures.personNumber(year: 1991, month: 3, day: 2, serial: 456), email: "nasrin.karimi@example.se"))
            let intakeID = try intake.requireID().uuidString
            let applicationID = try application.requireID().uuidString
            try await Fixtures.user(app, role: .admin, email: "alva@test.example", unit: nil)
            let browser = Browser(app)
            try await browser.signIn("alva@test.example")
            let pages: [(name: String, path: String)] = [
                ("intake", "/intakes/\(intakeID)"),
                ("intake-new", "/intakes/new"),
                ("intake-edit", "/intakes/\(intakeID)/edit"),
                ("intake-screening", "/intakes/\(intakeID)/screening"),
                ("intake-outreach", "/intakes/\(intakeID)/outreach"),
                ("intake-funnel", "/intakes/\(intakeID)/funnel"),
                ("intake-unfilled", "/intakes/\(intakeID)/unfilled"),
                ("intake-matching", "/intakes/\(intakeID)/matching"),
                ("application", "/applications/\(applicationID)"),
                ("apply-intake", "/apply/\(intakeID)"),
            ]
            for language in AppLanguage.allCases {
                try await browser.get("/login")
                try await browser.post("/language", form: ["language": language.tag, "returnTo": "/login"])
                for page in pages {
                    let response = try await browser.get(page.path)
                    #expect(response.status == .ok, "\(page.path) in \(language.tag)")
                    assertSnapshot(
                        of: try Self.stable(response.body.string), as: .lines, named: "\(page.name).\(language.tag)",
                        record: Self.recordMode)
                }
            }
        }
    }

    /// The participant's own pages, signed in through a portal link, and the pages people reach by
    /// a mailed link without an account, each in the language the visitor picks: the follow-up
    /// forms of the participant and of the supervisor, the agreement, an offer, interview times,
    /// an application's status, the pages for a link that is not valid, what a form, an offer
    /// and interview times say once answered, and an outcome checkpoint after the placement.
    @Test("the participant's pages and the mailed-link pages look as recorded")
    func participantAndLinkPages() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            // A minute between records: the access log and the messages list read newest first.
            let step = { clock.advance(by: 60) }
            let world = try await Self.world(app, step: step)
            let placement = try #require(try await Placement.find(world.placementID, on: app.db))
            step()
            try await Fixtures.placementService(app).saveAgreement(Fixtures.agreement, for: placement, by: Fixtures.caseWorkerActor)
            for respondent in [FollowUpRespondent.participant, .supervisor] {
                step()
                let form = try #require(
                    try await FollowUp.query(on: app.db).filter(\.$placement.$id == world.placementID)
                        .filter(\.$stage == FollowUpStage.start.rawValue).filter(\.$respondent == respondent.rawValue).first())
                #expect(try await Fixtures.followUpService(app).send(form))
            }
            func link(to address: String, _ prefix: String) async throws -> String {
                let mail = try await Fixtures.mail(to: address, app)
                return try #require(mail.compactMap { Fixtures.link(in: $0.bodyText, prefix: prefix) }.last, "\(prefix) to \(address)")
            }
            step()
            let selection = try await Self.selection(app)
            step()
            let participant = try #require(try await Participant.find(world.participantID, on: app.db))
            let (portal, _) = try await Fixtures.signedInParticipant(app, participant: participant)
            let browsers = ["participant": portal, "anonymous": Browser(app)]
            let invalidToken = String(repeating: "a", count: 43)
            let formLink = try await link(to: "leyla.ahmadi@example.se", "forms")
            let offerLink = try await link(to: selection.email, "offers")
            let interviewLink = try await link(to: selection.email, "interviews")
            typealias Page = (who: String, name: String, method: HTTPMethod, path: String, status: HTTPResponseStatus)
            func snapshots(of pages: [Page]) async throws {
                for language in AppLanguage.allCases {
                    for browser in browsers.values {
                        try await browser.get("/login")
                        try await browser.post("/language", form: ["language": language.tag, "returnTo": "/login"])
                    }
                    for page in pages {
                        let browser = try #require(browsers[page.who])
                        step()
                        let response =
                            page.method == .POST ? try await browser.post(page.path) : try await browser.get(page.path)
                        #expect(response.status == page.status, "\(page.who) \(page.name) in \(language.tag)")
                        // The chosen language wins over the one a link was mailed in, also for a visitor without a session.
                        #expect(response.body.string.contains(#"<html lang="\#(language.tag)""#), "\(page.name) in \(language.tag)")
                        assertSnapshot(
                            of: try Self.stable(response.body.string), as: .lines, named: "\(page.name).\(language.tag)",
                            record: Self.recordMode, testName: "participantAndLinkPages")
                    }
                }
            }
            try await snapshots(of: [
                ("participant", "portal", .GET, "/portal", .ok),
                ("participant", "portal-my-data", .GET, "/portal/my-data", .ok),
                ("participant", "portal-letter", .GET, "/portal/placements/\(world.placementID.uuidString)/letter", .ok),
                ("anonymous", "portal-link", .GET, "/portal/link/\(SecretToken.generate())", .ok),
                ("anonymous", "portal-link-invalid", .POST, "/portal/link/\(invalidToken)", .gone),
                ("anonymous", "link-form-participant", .GET, formLink, .ok),
                ("anonymous", "link-form-supervisor", .GET, try await link(to: Fixtures.agreement.supervisorEmail, "forms"), .ok),
                ("anonymous", "link-agreement", .GET, try await link(to: "leyla.ahmadi@example.se", "agreement"), .ok),
                ("anonymous", "link-offer", .GET, offerLink, .ok),
                ("anonymous", "link-interview", .GET, interviewLink, .ok),
                ("anonymous", "link-application-status", .GET, try await link(to: selection.email, "apply/status"), .ok),
                ("anonymous", "link-invalid", .GET, "/forms/\(invalidToken)", .gone),
            ])

            // Answered through the pages, as the person would: each link then says what was answered.
            let visitor = try #require(browsers["anonymous"])
            step()
            #expect(
                try await visitor.post(formLink, form: ["understand_tasks": "4", "welcomed": "5", "knows_supervisor": "yes"]).status == .ok)
            step()
            #expect(try await visitor.post(offerLink, form: ["answer": "accept"]).status == .ok)
            step()
            #expect(try await visitor.post(interviewLink, form: ["choice": "1"]).status == .ok)
            try await snapshots(of: [
                ("anonymous", "link-form-answered", .GET, formLink, .ok),
                ("anonymous", "link-offer-accepted", .GET, offerLink, .ok),
                ("anonymous", "link-interview-confirmed", .GET, interviewLink, .ok),
            ])

            // Three months after the placement ends, a participant who agreed to be followed up gets a checkpoint link.
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: BuiltInConsentPurpose.postExitFollowUp.rawValue, channel: .paper, participantID: world.participantID,
                by: Fixtures.adminActor)
            let service = Fixtures.placementService(app)
            try clock.move(to: "2026-12-01")
            try await service.perform(
                .init(action: .start, date: try Fixtures.date("2026-12-01")),
                on: try #require(try await Placement.find(world.placementID, on: app.db)), by: Fixtures.caseWorkerActor)
            try clock.move(to: "2027-04-01")
            try await service.perform(
                .init(action: .complete, date: try Fixtures.date("2027-03-31")),
                on: try #require(try await Placement.find(world.placementID, on: app.db)), by: Fixtures.caseWorkerActor)
            try clock.move(to: "2027-06-30")
            #expect(try await Fixtures.runJobs(app).contains(CheckpointDueJob.kind))
            try await snapshots(of: [("anonymous", "link-checkpoint", .GET, try await link(to: "leyla.ahmadi@example.se", "outcome"), .ok)])
        }
    }

    /// An applicant on a published shortlist who got an offer and interview times for one place;
    /// returns the applicant's address, where the links went.
    static func selection(_ app: Application) async throws -> (email: String, applicationID: UUID) {
        let unit = try await Fixtures.unit(app, code: "JS-LINK", name: "Jobbsprånget Länkar")
        let programme = try await Fixtures.programme(app, unit: unit, code: "jobbspranget-links")
        let intake = try await Fixtures.intake(app, programme: programme)
        let email = "nasrin.karimi@example.se"
        var form = Fixtures.applicationForm(personNumber: Fixtures.personNumber(year: 1992, month: 4, day: 1, serial: 0), email: email)
        form["homeDistrict"] = "Rinkeby-Kista"
        form["level1"] = "B2"
        let application = try await Fixtures.application(app, intake: intake, form: form)
        application.availableFrom = "2027-01-01"
        try await application.save(on: app.db)
        let applicationID = try application.requireID()
        let employer = try await Fixtures.employer(app, name: "Lind Data AB", number: Fixtures.organisationNumber(2))
        try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-18")
        let workplace = try await Fixtures.workplace(app, of: employer, address: "Kistagången 2")
        let place = try await Fixtures.place(
            app, at: workplace, unit: unit, title: "IT-support", capacity: 1, start: "2027-02-01", end: "2027-05-31")
        place.occupationField = "IT"
        place.languageRequirement = "Engelska B2"
        try await place.save(on: app.db)
        let placeID = try place.requireID()
        let run = try await MatchingRunTests.run(app, MatchingRunTests.Setup(unit: unit, intake: intake))
        #expect(
            run.proposalCount ?? 0 > 0,
            "candidates \(run.candidateCount ?? -1), places \(run.placeCount ?? -1), pairs \(run.pairCount ?? -1), \(run.outcomeKey ?? "")")
        let actor = AuditLog.Actor(userID: nil, role: "case_worker", clientAddress: nil)
        try await ShortlistReview(database: app.db, clock: app.clock).publish(
            run, replacing: false, by: actor, translations: app.translations, publicURL: "http://praktik.test")
        let (_, contact) = try await Fixtures.contact(app, of: [workplace])
        let contactID = try contact.requireID()
        let contactActor = AuditLog.Actor(userID: contactID, role: "employer_contact", clientAddress: nil)
        try await OfferService(database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test")
            .select(applicationID: applicationID, placeID: placeID, byContact: contactID, actor: contactActor)
        try await InterviewTests.service(app).propose(
            .init(
                times: [try InterviewTests.time(app, days: 2), try InterviewTests.time(app, days: 3, hour: 14)],
                note: "Reception, fråga efter Eva"),
            applicationID: applicationID, placeID: placeID, byContact: contactID, actor: contactActor)
        return (email, applicationID)
    }

    /// `SNAPSHOT_TESTING_RECORD=failed` re-records what differs; otherwise a missing snapshot is
    /// recorded (and fails the run, so a new page is reviewed once).
    static var recordMode: SnapshotTestingConfiguration.Record {
        ProcessInfo.processInfo.environment["SNAPSHOT_TESTING_RECORD"] == "failed" ? .failed : .missing
    }
}
