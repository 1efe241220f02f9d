import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Worklist and placement pages")
struct WorklistAndPagesTests {
    /// A case worker of `unit`, signed in.
    func caseWorker(_ app: Application, unit: OrganisationUnit) async throws -> Browser {
        let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
        let browser = Browser(app)
        try await browser.signIn(user.email)
        return browser
    }

    func context(_ app: Application, unit: OrganisationUnit) throws -> WorklistContext {
        WorklistContext(
            sql: try app.db.sql, today: try app.clock.today(), scope: "pa.unit_id = \(bind: try unit.requireID())", limit: 25)
    }

    @Test("each bucket holds exactly the placements the fixture puts there, within the unit")
    func buckets() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let setup = try await Fixtures.placementSetup(app, capacity: 6, placeStart: "2026-11-01", placeEnd: "2027-12-31")
            let service = Fixtures.placementService(app)
            func person(_ name: String) async throws -> Participant {
                let person = try await Fixtures.participant(app, unit: setup.unit, firstName: name)
                try await ConsentService(database: app.db, clock: app.clock).record(
                    .given, purpose: "programme_partners", channel: .paper, participantID: try person.requireID(), by: Fixtures.adminActor)
                return person
            }
            func decide(_ person: Participant, _ start: String, _ end: String) async throws -> Placement {
                try await Fixtures.decide(app, try Fixtures.decisionInput(setup, participantID: person.id, start: start, end: end))
            }
            // Today is 2026-11-18.
            let starting = try await decide(try await person("Börjar"), "2026-11-25", "2027-02-28")
            _ = try await decide(try await person("Senare"), "2026-12-15", "2027-03-31")
            let ending = try await decide(try await person("Slutar"), "2026-11-18", "2026-11-30")
            try await service.perform(
                .init(action: .start, date: try Fixtures.date("2026-11-18")), on: ending, by: Fixtures.caseWorkerActor)
            let overdue = try await decide(try await person("Dröjer"), "2026-11-18", "2026-11-20")
            try await service.perform(
                .init(action: .start, date: try Fixtures.date("2026-11-18")), on: overdue, by: Fixtures.caseWorkerActor)
            // A placement loaded by the history import, ended and without an outcome, is not the case
            // worker's to complete.
            let imported = try await Fixtures.placement(
                app, of: try await person("Arkiv"), at: setup.place, start: "2019-02-01", end: "2019-04-30")
            imported.origin = PlacementOrigin.history.rawValue
            try await imported.save(on: app.db)
            // Another unit's placement never shows.
            let other = try await Fixtures.placementSetup(app, employerNumber: 2)
            let elsewhere = try await Fixtures.decide(app, try Fixtures.decisionInput(other, start: "2026-12-01", end: "2027-01-31"))

            try clock.move(to: "2026-11-22")
            let context = try context(app, unit: setup.unit)
            func names(_ bucket: any WorklistBucket) async throws -> [String] {
                try await bucket.items(in: context).items.map(\.title).map { String($0.prefix { $0 != " " }) }
            }
            #expect(try await names(PlacementWorklistBuckets.StartingSoon()) == ["Börjar"])
            #expect(try await names(PlacementWorklistBuckets.EndingSoon()) == ["Slutar"])
            #expect(try await names(PlacementWorklistBuckets.CompletionsOverdue()) == ["Dröjer"])
            // Start forms are due a week in (or on the last day): "Dröjer"'s on 20 November.
            let forms = try await PlacementWorklistBuckets.FollowUpsDue().items(in: context).items
            #expect(Set(forms.map(\.title).map { String($0.prefix { $0 != " " }) }) == ["Dröjer"])
            #expect(forms.allSatisfy { $0.isOverdue })
            #expect(try await names(PlacementWorklistBuckets.CheckpointsDue()).isEmpty)

            // Ending "Dröjer" early moves it out of "completions overdue" and into "outcome missing".
            try await service.perform(
                .init(action: .endEarly, date: try Fixtures.date("2026-11-19"), reason: PlacementEndReason.illness.rawValue), on: overdue,
                by: Fixtures.caseWorkerActor)
            let completions = try await PlacementWorklistBuckets.CompletionsOverdue().items(in: context).items
            #expect(completions.map(\.detailKey) == ["worklist.completions.no-outcome"])
            _ = starting

            // The page itself: the case worker's start page is the worklist.
            let browser = try await caseWorker(app, unit: setup.unit)
            let start = try await browser.get("/start")
            #expect(start.status == .ok)
            #expect(start.body.string.contains("Börjar"))
            #expect(!start.body.string.contains(try elsewhere.requireID().uuidString))
        }
    }

    /// Every bucket on SQLite, after a history import's worth of placements: none reads the
    /// placements table whole, and "completions overdue" reads only placements made in Praktik
    /// (at 1,000,000 imported placements it read them all by status, 2.8 s per query).
    @Test("on SQLite no worklist bucket reads every placement; completions read only those made in Praktik")
    func plans() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            guard sql.dialect.name == "sqlite" else { return }
            let setup = try await Fixtures.placementSetup(app)
            let recorder = StatementRecorder(recording: sql)
            let context = WorklistContext(
                sql: recorder, today: try app.clock.today(), scope: "pa.unit_id = \(bind: try setup.unit.requireID())", limit: 25)
            for bucket in PlacementWorklistBuckets.all {
                let before = recorder.statements.count
                _ = try await bucket.items(in: context)
                for statement in recorder.statements.dropFirst(before) {
                    let plan = try await sqlitePlan(of: statement, on: sql)
                    #expect(!plan.contains { $0.hasPrefix("SCAN pl") }, "\(bucket.key): \(plan)")
                    if bucket is PlacementWorklistBuckets.CompletionsOverdue {
                        #expect(plan.contains { $0.contains("USING INDEX \(M0606_StartPageIndexes.livePlacementsIndex)") }, "\(plan)")
                    }
                }
            }
        }
    }

    @Test("a case worker decides a placement in the browser, sees every refusal, and prints the letter in the participant's language")
    func decideByForm() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app)
            let browser = try await caseWorker(app, unit: setup.unit)
            let form = try await browser.get("/participants/\(setup.participantID)/placements/new?q=Snickare")
            #expect(form.status == .ok)
            #expect(form.body.string.contains(setup.placeID.uuidString))
            let refused = try await browser.post(
                "/participants/\(setup.participantID)/placements",
                form: ["placeID": setup.placeID.uuidString, "programme": "arbetspraktik", "start": "2026-12-01", "justification": ""])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("behöver en motivering"))
            let decided = try await browser.post(
                "/participants/\(setup.participantID)/placements",
                form: [
                    "placeID": setup.placeID.uuidString, "programme": "arbetspraktik", "start": "2026-12-01",
                    "purpose": "language_practice",
                    "language": "en", "justification": "Stadsdelen beslutar språkpraktik",
                ])
            #expect(decided.status == .seeOther)
            let location = try #require(decided.headers.first(name: .location))
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Språkpraktik"))
            let placement = try #require(try await Placement.query(on: app.db).filter(\.$participant.$id == setup.participantID).first())
            let letter = try await browser.get("/placements/\(try placement.requireID())/letter")
            #expect(letter.status == .ok)
            #expect(letter.body.string.contains(#"<html lang="en">"#))
            #expect(letter.body.string.contains("You can appeal"))
            #expect(letter.body.string.contains("2026-12-01 – 2027-03-31"))
            // The view is in the participant's access log.
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$recordID == setup.participantID.uuidString).filter(\.$action == "view")
                    .count() >= 2)
        }
    }

    @Test("the letter names a workplace without an address by its employer alone, with no stray comma")
    func letterWithoutWorkplaceAddress() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app)
            let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            setup.workplace.address = ""
            setup.workplace.postalCode = ""
            setup.workplace.city = ""
            try await setup.workplace.save(on: app.db)
            let browser = try await caseWorker(app, unit: setup.unit)
            let letter = try await browser.get("/placements/\(try placement.requireID())/letter").body.string
            #expect(letter.contains("\(setup.place.title), \(setup.employer.name)</dd>"))
        }
    }

    @Test("a case worker of another unit, an employer of another workplace and an analyst do not find the placement")
    func scope() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, email: "leyla@example.se")
            let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            let id = try placement.requireID()
            let otherUnit = try await Fixtures.unit(app, code: "JT-OTHER")
            let stranger = try await caseWorker(app, unit: otherUnit)
            for path in ["/placements/\(id)", "/placements/\(id)/letter"] {
                #expect(try await stranger.get(path).status == .notFound, "\(path)")
            }
            #expect(
                try await stranger.post("/placements/\(id)/actions", form: ["action": "cancel", "date": "2026-11-18", "reason": "other"])
                    .status == .notFound)
            let form = try #require(try await FollowUp.query(on: app.db).filter(\.$placement.$id == id).first())
            #expect(try await stranger.get("/follow-ups/\(try form.requireID())").status == .notFound)
            let list = try await stranger.get("/placements")
            #expect(!list.body.string.contains("/placements/\(id)"))

            // The host's contact sees the intern; another employer's contact does not.
            let (host, _) = try await Fixtures.contact(app, of: [setup.workplace])
            let interns = try await host.get("/employer-portal/interns")
            #expect(interns.body.string.contains("/employer-portal/interns/\(id)"))
            let intern = try await host.get("/employer-portal/interns/\(id)")
            #expect(intern.status == .ok)
            #expect(!intern.body.string.contains(setup.participant.personIdentifier?.suffix(4) ?? "----"), "no person number")
            #expect(!intern.body.string.contains("leyla@example.se"))
            let otherEmployer = try await Fixtures.employer(app, name: "Annan AB", number: Fixtures.organisationNumber(9))
            let otherWorkplace = try await Fixtures.workplace(app, of: otherEmployer, address: "Annan väg 1")
            let (foreign, _) = try await Fixtures.contact(app, of: [otherWorkplace])
            #expect(try await foreign.get("/employer-portal/interns/\(id)").status == .notFound)
            #expect(
                try await foreign.post("/employer-portal/interns/\(id)/hire", form: ["hired": "yes", "kind": "permanent"]).status
                    == .notFound)
            let foreignList = try await foreign.get("/employer-portal/interns")
            #expect(!foreignList.body.string.contains(id.uuidString))
        }
    }

    @Test("the supervisor answers in the employer portal and says the placement led to a job")
    func employerPortal() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let setup = try await Fixtures.placementSetup(app)
            let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            let (host, user) = try await Fixtures.contact(app, of: [setup.workplace])
            var agreement = Fixtures.agreement
            agreement.supervisorEmail = user.email
            try await Fixtures.placementService(app).saveAgreement(agreement, for: placement, by: Fixtures.caseWorkerActor)
            #expect(try await PlacementAgreement.query(on: app.db).first()?.$supervisorUser.id == user.id)
            try clock.move(to: "2026-12-08")
            _ = try await Fixtures.runJobs(app)
            try await Fixtures.placementService(app).perform(
                .init(action: .start, date: try Fixtures.date("2026-12-01")), on: placement, by: Fixtures.caseWorkerActor)
            // Three weeks later the first session has long expired.
            try await host.signIn(user.email)
            let id = try placement.requireID()
            let page = try await host.get("/employer-portal/interns/\(id)")
            let form = try #require(
                try await FollowUp.query(on: app.db).filter(\.$placement.$id == id).filter(\.$stage == "start")
                    .filter(\.$respondent == "supervisor").first())
            #expect(page.body.string.contains("/employer-portal/forms/\(try form.requireID())"))
            try await host.get("/employer-portal/forms/\(try form.requireID())")
            let answered = try await host.post(
                "/employer-portal/forms/\(try form.requireID())", form: ["purpose_fits": "4", "introduced": "yes"])
            #expect(answered.status == .seeOther)
            #expect(try await FollowUp.find(form.id, on: app.db)?.answeredVia == "employer_portal")
            try await host.get("/employer-portal/interns/\(id)")
            #expect(
                try await host.post("/employer-portal/interns/\(id)/hire", form: ["hired": "yes", "kind": "fixed_term"]).status == .seeOther
            )
            let updated = try #require(try await Placement.find(id, on: app.db))
            #expect(updated.hiredByHost == true)
            #expect(updated.employmentKind == "fixed_term")
        }
    }

    @Test("erasure removes the placement's free text and stops every form and link")
    func erasure() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, email: "zahra@example.se")
            let placement = try await Fixtures.decide(
                app, try Fixtures.decisionInput(setup, basis: .direct(justification: "Zahra behöver språkträning")))
            try await Fixtures.placementService(app).saveAgreement(Fixtures.agreement, for: placement, by: Fixtures.caseWorkerActor)
            let form = try #require(try await FollowUp.query(on: app.db).filter(\.$respondent == "participant").first())
            #expect(try await Fixtures.followUpService(app).send(form))
            try await ErasureService(database: app.db, clock: app.clock).erase(setup.participant, by: Fixtures.adminActor)
            let stored = try #require(try await Placement.find(placement.id, on: app.db))
            #expect(stored.justification == nil)
            #expect(try await PlacementAgreement.query(on: app.db).first()?.goals == "")
            #expect(try await PlacementLink.query(on: app.db).count() == 0)
            #expect(try await FollowUp.query(on: app.db).filter(\.$answeredAt == nil).filter(\.$cancelledAt == nil).count() == 0)
            #expect(try await OneOffJobRecord.query(on: app.db).filter(\.$status == "queued").count() == 0)
        }
    }
}
