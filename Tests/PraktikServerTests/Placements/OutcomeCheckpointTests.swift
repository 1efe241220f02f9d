import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Outcomes and checkpoints after the end")
struct OutcomeCheckpointTests {
    /// A placement run from 1 December to its end on 31 March, completed; the clock is then 1 April.
    func completedPlacement(_ app: Application, clock: TestClock, consents: [BuiltInConsentPurpose]) async throws -> (
        Fixtures.PlacementSetup, Placement
    ) {
        let setup = try await Fixtures.placementSetup(app, consents: consents, email: "amina@example.se")
        let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
        let service = Fixtures.placementService(app)
        try clock.move(to: "2026-12-01")
        try await service.perform(.init(action: .start, date: try Fixtures.date("2026-12-01")), on: placement, by: Fixtures.caseWorkerActor)
        try clock.move(to: "2027-04-01")
        try await service.perform(
            .init(action: .complete, date: try Fixtures.date("2027-03-31")), on: placement, by: Fixtures.caseWorkerActor)
        return (setup, placement)
    }

    func outcomes(_ app: Application, _ placement: Placement) async throws -> [PlacementOutcome] {
        try await PlacementOutcome.query(on: app.db).filter(\.$placement.$id == placement.requireID()).all()
    }

    @Test("without post-exit consent only the outcome at exit is asked: no checkpoints, no jobs")
    func noConsentNoCheckpoints() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (_, placement) = try await completedPlacement(app, clock: clock, consents: [.programmePartners])
            #expect(try await outcomes(app, placement).map(\.horizon) == ["at_exit"])
            #expect(try await OneOffJobRecord.query(on: app.db).filter(\.$kind == CheckpointDueJob.kind).count() == 0)
            // A case worker cannot record a 3-month outcome either.
            let row = PlacementOutcome()
            row.$placement.id = try placement.requireID()
            row.participantID = placement.$participant.id
            row.horizon = OutcomeHorizon.threeMonths.rawValue
            row.dueOn = "2027-06-30"
            row.state = "scheduled"
            row.createdAt = app.clock.now()
            try await row.create(on: app.db)
            try clock.move(to: "2027-07-01")
            await #expect(throws: OutcomeService.Refusal.checkpoint(.noConsent)) {
                try await Fixtures.outcomeService(app).recordCheckpoint(
                    .init(status: .work, employerIsHost: true, employmentKind: nil, source: .caseWorker, sourceName: nil), for: row,
                    by: Fixtures.caseWorkerActor)
            }
        }
    }

    @Test(
        "with consent, checkpoints at 3, 6 and 12 months; the participant answers by link; withdrawal cancels the rest and kills the links")
    func consentLifecycle() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (setup, placement) = try await completedPlacement(app, clock: clock, consents: [.programmePartners, .postExitFollowUp])
            let rows = try await outcomes(app, placement)
            #expect(Set(rows.map(\.horizon)) == ["at_exit", "3_months", "6_months", "12_months"])
            #expect(rows.first { $0.horizon == "3_months" }?.dueOn == "2027-06-30")
            #expect(try await OneOffJobRecord.query(on: app.db).filter(\.$kind == CheckpointDueJob.kind).count() == 3)

            // Not due yet: refused.
            let three = try #require(rows.first { $0.horizon == "3_months" })
            await #expect(throws: OutcomeService.Refusal.checkpoint(.notDue)) {
                try await Fixtures.outcomeService(app).recordCheckpoint(
                    .init(status: .work, employerIsHost: nil, employmentKind: nil, source: .caseWorker, sourceName: nil), for: three,
                    by: Fixtures.caseWorkerActor)
            }

            // On its day the participant gets a link and answers.
            try clock.move(to: "2027-06-30")
            #expect(try await Fixtures.runJobs(app).contains(CheckpointDueJob.kind))
            let mail = try #require(try await Fixtures.mail(to: "amina@example.se", app).last { $0.bodyText.contains("/outcome/") })
            let link = try #require(Fixtures.link(in: mail.bodyText, prefix: "outcome"))
            let browser = Browser(app)
            #expect(try await browser.get(link).status == .ok)
            let answered = try await browser.post(link, form: ["status": "work", "atHost": "yes"])
            #expect(answered.status == .ok)
            let stored = try #require(try await PlacementOutcome.find(three.id, on: app.db))
            #expect(stored.status == "work")
            #expect(stored.source == "participant")
            #expect(stored.employerIsHost == true)
            let twice = try await browser.post(link, form: ["status": "studies"])
            #expect(twice.status == .ok || twice.status == .conflict)
            #expect(try await PlacementOutcome.find(three.id, on: app.db)?.status == "work")

            // The 6-month link goes out; then the person withdraws the consent.
            try clock.move(to: "2027-09-30")
            _ = try await Fixtures.runJobs(app)
            let sixMail = try #require(try await Fixtures.mail(to: "amina@example.se", app).last { $0.bodyText.contains("/outcome/") })
            let sixLink = try #require(Fixtures.link(in: sixMail.bodyText, prefix: "outcome"))
            #expect(sixLink != link)
            try await ConsentService(database: app.db, clock: app.clock).record(
                .withdrawn, purpose: "post_exit_follow_up", channel: .portal, participantID: setup.participantID, by: Fixtures.adminActor)
            let after = try await outcomes(app, placement)
            #expect(after.first { $0.horizon == "6_months" }?.state == "cancelled")
            #expect(after.first { $0.horizon == "12_months" }?.state == "cancelled")
            #expect(after.first { $0.horizon == "3_months" }?.state == "answered", "what was answered stays")
            let dead = try await browser.get(sixLink)
            #expect(dead.status == .gone)
            #expect(try await browser.post(sixLink, form: ["status": "work"]).status == .gone)
            #expect(try await PlacementOutcome.find(after.first { $0.horizon == "6_months" }?.id, on: app.db)?.status == nil)
            #expect(
                try await OneOffJobRecord.query(on: app.db).filter(\.$kind == CheckpointDueJob.kind).filter(\.$status == "queued").count()
                    == 0)
            // The 12-month day passes: nothing is sent.
            try clock.move(to: "2028-03-31")
            _ = try await Fixtures.runJobs(app)
            #expect(try await Fixtures.mail(to: "amina@example.se", app).filter { $0.bodyText.contains("/outcome/") }.count == 2)

            // Consent given again: the checkpoints still ahead come back.
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: "post_exit_follow_up", channel: .portal, participantID: setup.participantID, by: Fixtures.adminActor)
            #expect(try await outcomes(app, placement).filter { $0.state == "scheduled" && $0.horizon != "at_exit" }.count == 2)
        }
    }

    @Test("the outcome at exit is recorded once, by a case worker, and says whether the job is at the host")
    func atExit() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (_, placement) = try await completedPlacement(app, clock: clock, consents: [.programmePartners])
            let service = Fixtures.outcomeService(app)
            try await service.recordAtExit(
                .init(status: .work, employerIsHost: true, employmentKind: .permanent, source: .caseWorker, sourceName: nil),
                for: placement,
                by: Fixtures.caseWorkerActor)
            #expect(try await Placement.find(placement.id, on: app.db)?.hiredByHost == true)
            await #expect(throws: OutcomeService.Refusal.checkpoint(.alreadyAnswered)) {
                try await service.recordAtExit(
                    .init(status: .jobSeeking, employerIsHost: nil, employmentKind: nil, source: .caseWorker, sourceName: nil),
                    for: placement,
                    by: Fixtures.caseWorkerActor)
            }
        }
    }
}

@Suite("Register import of outcomes")
struct OutcomeImportTests {
    @Test("invalid rows are previewed by line; a row is written only with consent or for an enrolled person; a second run writes nothing")
    func consentRule() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let unit = try await Fixtures.unit(app)
            let consents = ConsentService(database: app.db, clock: app.clock)
            let employer = try await Fixtures.employer(app)
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-18")
            let workplace = try await Fixtures.workplace(app, of: employer)
            let place = try await Fixtures.place(app, at: workplace, unit: unit, capacity: 5, start: "2026-12-01", end: "2027-06-30")
            // Three people, each with a placement 1 Dec – 31 Mar: one exited without consent, one exited
            // with consent, one still enrolled without consent.
            var people: [(number: String, participant: Participant)] = []
            for (index, name) in ["Ali", "Sara", "Omar"].enumerated() {
                let number = Fixtures.personNumber(year: 1985 + index, month: 3, day: 10 + index, serial: 100 + index)
                let person = try await Fixtures.participant(app, unit: unit, firstName: name, personNumber: number)
                try await consents.record(
                    .given, purpose: "programme_partners", channel: .paper, participantID: try person.requireID(), by: Fixtures.adminActor)
                if name == "Sara" {
                    try await consents.record(
                        .given, purpose: "post_exit_follow_up", channel: .paper, participantID: try person.requireID(),
                        by: Fixtures.adminActor)
                }
                let placement = try await Fixtures.decide(
                    app,
                    PlacementDecisionService.Input(
                        participantID: try person.requireID(), placeID: try place.requireID(), programme: "arbetspraktik",
                        start: try Fixtures.date("2026-12-01"), end: nil, basis: .direct(justification: "x"), purpose: nil, language: nil,
                        note: nil))
                people.append((number, person))
                _ = placement
            }
            try clock.move(to: "2026-12-01")
            for (_, person) in people {
                let placement = try #require(try await Placement.query(on: app.db).filter(\.$participant.$id == person.requireID()).first())
                try await Fixtures.placementService(app).perform(
                    .init(action: .start, date: try Fixtures.date("2026-12-01")), on: placement, by: Fixtures.caseWorkerActor)
            }
            try clock.move(to: "2027-04-01")
            let admin = SignedInUser(id: UUID(), email: "a@x", displayName: "A", role: .admin, unitID: nil, language: .swedish)
            let participants = ParticipantService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: admin), actor: Fixtures.adminActor)
            for (_, person) in people {
                let placement = try #require(try await Placement.query(on: app.db).filter(\.$participant.$id == person.requireID()).first())
                try await Fixtures.placementService(app).perform(
                    .init(action: .complete, date: try Fixtures.date("2027-03-31")), on: placement, by: Fixtures.caseWorkerActor)
                if person.firstName != "Omar" {
                    try await participants.exit(
                        person, on: try Fixtures.date("2027-03-31"), reason: .other, outcome: nil, employerIsHost: nil)
                }
            }
            try clock.move(to: "2027-07-15")
            let csv = """
                person_number;date;status_code;source
                \(people[0].number);2027-06-30;work;SCB
                \(people[1].number);2027-06-30;studies;SCB
                \(people[2].number);2027-07-01;work;Arbetsförmedlingen
                19121212-1212;2027-06-30;work;SCB
                \(people[1].number);2027-04-02;work;SCB
                \(people[1].number);2027-13-01;work;SCB
                \(people[2].number);2027-06-30;dancing;SCB
                """
            let user = try await Fixtures.user(app, role: .admin)
            let service = OutcomeImportService(database: app.db, clock: app.clock)
            let batch = try await service.stage(content: csv, fileName: "scb.csv", by: try user.requireID())
            let plan = try await service.plan(csv)
            #expect(plan.parsed.problems.map(\.line).sorted() == [7, 8])
            #expect(plan.writes.map(\.line).sorted() == [3, 4])
            #expect(plan.count(.noConsent) == 1, "Ali left without consent")
            #expect(plan.count(.unknownPerson) == 1)
            #expect(plan.count(.noPlacement) == 1, "two days after the end answers no checkpoint")
            let done = try await service.run(try batch.requireID(), by: Fixtures.adminActor)
            #expect(done.rowsWritten == 2)
            for (index, expected) in [(0, nil), (1, "studies"), (2, "work")] as [(Int, String?)] {
                let row = try await PlacementOutcome.query(on: app.db).filter(\.$participantID == people[index].participant.requireID())
                    .filter(\.$horizon == "3_months").first()
                #expect(row?.status == expected, "\(people[index].participant.firstName ?? "")")
                if expected != nil { #expect(row?.source == "register") }
            }
            await #expect(throws: AppError.conflict(messageKey: "import.already-run")) {
                try await service.run(try batch.requireID(), by: Fixtures.adminActor)
            }
            let again = try await service.stage(content: csv, fileName: "scb.csv", by: try user.requireID())
            #expect(try await service.run(try again.requireID(), by: Fixtures.adminActor).rowsWritten == 0)
        }
    }
}
