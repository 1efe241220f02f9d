import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// `report_placements` is a stored copy of the view that defines it, kept by triggers: after every
/// kind of write the placement reports depend on, the table must equal the view, row for row.
@Suite("Report facts stay exact")
struct ReportFactsTests {
    struct Fact: Decodable, Equatable, CustomStringConvertible {
        let placement_id: UUID
        let participant_id: UUID
        let unit_id: UUID
        let status: String
        let gender: String
        let benefit_type: String?
        let regime: String?
        let purpose: String?
        let hired_by_host: Bool?
        let first_day: String
        let last_day: String
        let outcome_at_exit: String?
        let outcome_3_months: String?
        let paid_minor: Int64?
        let lowest_currency: String?
        let highest_currency: String?

        var description: String {
            "\(placement_id) \(status) \(gender) \(benefit_type ?? "-") \(first_day)–\(last_day) exit=\(outcome_at_exit ?? "-") "
                + "3m=\(outcome_3_months ?? "-") paid=\(paid_minor.map(String.init) ?? "-") \(lowest_currency ?? "-")"
        }
    }

    static func facts(in relation: String, _ app: Application) async throws -> [Fact] {
        try await app.db.sql.raw(
            "SELECT \(unsafeRaw: ReportFacts.columns.joined(separator: ", ")) FROM \(unsafeRaw: relation) ORDER BY placement_id"
        ).all(decoding: Fact.self)
    }

    /// The stored rows after `step`, having checked them against the view.
    @discardableResult
    static func exact(after step: String, _ app: Application) async throws -> [UUID: Fact] {
        let stored = try await facts(in: ReportFacts.table, app)
        let defined = try await facts(in: ReportFacts.view, app)
        #expect(stored == defined, "after \(step)")
        // The bulk rebuild's joins give the view's rows, for everyone at every step.
        let sqlite = try app.db.sql.dialect.name == "sqlite"
        let joined = try await facts(
            in: "(\(ReportFacts.bulkSource(sqlite: sqlite, participants: "SELECT id FROM participants"))) joined", app)
        #expect(joined == defined, "the bulk rebuild's rows after \(step)")
        let placements = try await Placement.query(on: app.db).count()
        #expect(stored.count == placements, "one row per placement after \(step)")
        return Dictionary(stored.map { ($0.placement_id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("equal to the view after a decision, start, exit, outcomes, edits, payments, cancellation, import and erasure")
    func everyWrite() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            try await Self.exact(after: "migration", app)
            let setup = try await Fixtures.placementSetup(app, capacity: 2, consents: [.programmePartners, .postExitFollowUp])
            let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            let placementID = try placement.requireID()
            #expect(try await Self.exact(after: "decision", app)[placementID]?.status == PlacementStatus.planned.rawValue)

            // A second placement, decided now and cancelled later.
            let other = try await Fixtures.participant(app, unit: setup.unit, gender: .woman)
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: BuiltInConsentPurpose.programmePartners.rawValue, channel: .paper, participantID: try other.requireID(),
                by: Fixtures.adminActor)
            let second = try await Fixtures.decide(
                app, try Fixtures.decisionInput(setup, participantID: try other.requireID(), start: "2027-02-01", end: "2027-03-31"))
            try await Self.exact(after: "second decision", app)

            let service = Fixtures.placementService(app)
            try clock.move(to: "2026-12-01")
            try await service.perform(
                .init(action: .start, date: try Fixtures.date("2026-12-01")), on: placement, by: Fixtures.caseWorkerActor)
            try await Self.exact(after: "start", app)
            try clock.move(to: "2027-04-01")
            try await service.perform(
                .init(action: .complete, date: try Fixtures.date("2027-03-31")), on: placement, by: Fixtures.caseWorkerActor)
            #expect(try await Self.exact(after: "exit", app)[placementID]?.last_day == "2027-03-31")

            let outcomes = Fixtures.outcomeService(app)
            try await outcomes.recordAtExit(
                .init(status: .work, employerIsHost: true, employmentKind: nil, source: .caseWorker, sourceName: nil), for: placement,
                by: Fixtures.caseWorkerActor)
            #expect(try await Self.exact(after: "outcome at exit", app)[placementID]?.outcome_at_exit == "work")
            try clock.move(to: "2027-06-30")
            let threeMonths = try #require(
                try await PlacementOutcome.query(on: app.db).filter(\.$placement.$id == placementID)
                    .filter(\.$horizon == OutcomeHorizon.threeMonths.rawValue).first())
            try await outcomes.recordCheckpoint(
                .init(status: .studies, employerIsHost: nil, employmentKind: nil, source: .caseWorker, sourceName: nil), for: threeMonths,
                by: Fixtures.caseWorkerActor)
            #expect(try await Self.exact(after: "3-month outcome", app)[placementID]?.outcome_3_months == "studies")

            // The participant's details, which the reports split by.
            let participant = try #require(try await Participant.find(setup.participantID, on: app.db))
            participant.gender = Gender.man.rawValue
            try await participant.save(on: app.db)
            #expect(try await Self.exact(after: "gender edit", app)[placementID]?.gender == "man")
            participant.benefitType = BenefitType.aktivitetsstod.rawValue
            try await participant.save(on: app.db)
            try await Self.exact(after: "benefit group edit", app)

            // A payment stored by period is allocated to the placement's days; then corrected, then removed.
            let payment = BenefitPayment()
            payment.$participant.id = setup.participantID
            payment.benefitType = BenefitType.forsorjningsstod.rawValue
            payment.periodStart = "2027-03-01"
            payment.periodEnd = "2027-04-30"
            payment.amountMinor = 61_000
            payment.currency = "SEK"
            payment.source = "register"
            payment.createdAt = app.clock.now()
            try await payment.create(on: app.db)
            // 31 of the payment's 61 days fall in the placement.
            #expect(try await Self.exact(after: "payment by period", app)[placementID]?.paid_minor == 31_000)
            payment.amountMinor = 122_000
            try await payment.save(on: app.db)
            #expect(try await Self.exact(after: "payment corrected", app)[placementID]?.paid_minor == 62_000)
            try await payment.delete(on: app.db)
            #expect(try await Self.exact(after: "payment removed", app)[placementID]?.paid_minor == nil)

            // The second placement never started.
            try await service.perform(
                .init(action: .cancel, date: try Fixtures.date("2027-06-30"), reason: "\(PlacementCancelReason.allCases[0].rawValue)"),
                on: second,
                by: Fixtures.caseWorkerActor)
            #expect(try await Self.exact(after: "cancellation", app)[try second.requireID()]?.status == PlacementStatus.cancelled.rawValue)

            // A history import, which postpones the rows of its people to one rebuild at its end.
            let (_, imported) = try await HistoryFixture.importRows(
                [
                    HistoryFixture.Row(
                        person: HistoryFixture.person(1), gender: "other", start: "2024-01-10", end: "2024-03-31", hired: "yes",
                        atExit: "work", threeMonths: "work", paid: "1200.50"),
                    HistoryFixture.Row(
                        person: HistoryFixture.person(1), gender: "other", start: "2024-06-01", end: "2024-08-31", atExit: "studies"),
                    HistoryFixture.Row(person: HistoryFixture.person(2), gender: "man", start: "2023-02-01", end: "2023-04-30"),
                ], on: app)
            #expect(imported?.placementsCreated == 3)
            let afterImport = try await Self.exact(after: "history import", app)
            #expect(afterImport.values.filter { $0.paid_minor == 120_050 }.count == 1)
            #expect(try await app.db.sql.raw("SELECT COUNT(*) AS n FROM report_fact_pending").first(decoding: Count.self)?.n == 0)

            // A large file drops the indexes of what it writes and builds them again before its end.
            let indexesBefore = try await BulkInsert.secondaryIndexes(
                of: [Placement.schema, PlacementOutcome.schema, BenefitPayment.schema, ReportFacts.table], on: app.db.sql)
            let sqlite = try app.db.sql.dialect.name == "sqlite"
            #expect(
                Set(ReportFacts.periodIndexes(sqlite: sqlite).map(\.name)).isSubset(of: indexesBefore.map(\.name)))
            let large = try await app.db.transaction { db in
                var importer = HistoryImporter(database: db, clock: app.clock)
                importer.indexRebuildThreshold = 1
                return try await importer.store(
                    HistoryFixture.file([
                        HistoryFixture.Row(
                            person: HistoryFixture.person(3), gender: "woman", start: "2022-01-10", end: "2022-02-28", atExit: "work",
                            paid: "300"),
                        HistoryFixture.Row(person: HistoryFixture.person(2), gender: "man", start: "2023-06-01", end: "2023-07-31"),
                    ]), by: .system("test"))
            }
            #expect(large.1?.placementsCreated == 2)
            try await Self.exact(after: "history import rebuilding indexes", app)
            let indexesAfter = try await BulkInsert.secondaryIndexes(
                of: [Placement.schema, PlacementOutcome.schema, BenefitPayment.schema, ReportFacts.table], on: app.db.sql)
            #expect(indexesAfter.map(\.definition) == indexesBefore.map(\.definition))

            // A refused write restores the indexes with everything else.
            let placementIndexes = try await BulkInsert.secondaryIndexes(of: [Placement.schema], on: app.db.sql)
            #expect(placementIndexes.contains { $0.name == "placements_participant_idx" })
            await #expect(throws: (any Error).self) {
                try await app.db.transaction { db in
                    try await BulkInsert.withoutSecondaryIndexes(of: [Placement.schema], adding: 1, threshold: 1, on: db.sql) {
                        try await db.sql.raw("INSERT INTO placements (id) VALUES (\(bind: UUID()))").run()
                    }
                }
            }
            #expect(
                try await BulkInsert.secondaryIndexes(of: [Placement.schema], on: app.db.sql).map(\.definition)
                    == placementIndexes.map(\.definition))

            // Erasure keeps what statistics need.
            try await ErasureService(database: app.db, clock: app.clock).erase(participant, by: Fixtures.adminActor)
            #expect(try await Self.exact(after: "erasure", app)[placementID]?.outcome_3_months == "studies")

            // Writes no service makes: an outcome and a placement removed by hand.
            try await app.db.sql.raw("DELETE FROM placement_outcomes WHERE placement_id = \(bind: placementID)").run()
            #expect(try await Self.exact(after: "outcomes deleted", app)[placementID]?.outcome_at_exit == nil)
            let archived = try #require(afterImport.values.first { $0.paid_minor == 120_050 }?.placement_id)
            try await app.db.sql.raw("DELETE FROM benefit_payments WHERE placement_id = \(bind: archived)").run()
            #expect(try await Self.exact(after: "tied payment deleted", app)[archived]?.paid_minor == nil)
            try await app.db.sql.raw("DELETE FROM placement_outcomes WHERE placement_id = \(bind: archived)").run()
            try await app.db.sql.raw("DELETE FROM placements WHERE id = \(bind: archived)").run()
            #expect(try await Self.exact(after: "placement deleted", app)[archived] == nil)
        }
    }

    @Test("writes at once to one person's placements, outcomes and payments: none refused, the table still equals the view")
    func simultaneousWrites() async throws {
        try await withPraktikApp { app in
            try await HistoryFixture.importRows(
                ["2024-01-10": "2024-03-31", "2024-05-01": "2024-06-30", "2024-09-01": "2024-11-30"].map { start, end in
                    HistoryFixture.Row(person: HistoryFixture.person(7), start: start, end: end, atExit: "work", threeMonths: "studies")
                }, on: app)
            struct Stored: Decodable {
                let id: UUID
                let participant_id: UUID
            }
            let placements = try await app.db.sql.raw("SELECT id, participant_id FROM placements").all(decoding: Stored.self)
            let person = try #require(placements.first?.participant_id)
            let ids = placements.map(\.id)
            #expect(ids.count == 3)
            let sql = try app.db.sql
            let result = await RaceTests.race(24) {
                let n = Int.random(in: 0..<1_000)
                switch n % 3 {
                case 0:
                    try await sql.raw(
                        """
                        INSERT INTO benefit_payments (id, participant_id, benefit_type, period_start, period_end, amount_minor, currency, source, created_at)
                        VALUES (\(bind: UUID()), \(bind: person), 'forsorjningsstod', '2024-01-01', '2024-12-31', \(bind: Int64(n * 100)), 'SEK', 'register', \(bind: Date()))
                        """
                    ).run()
                case 1:
                    try await sql.raw("UPDATE placements SET hired_by_host = \(bind: n % 2 == 0) WHERE id = \(bind: ids[n % ids.count])")
                        .run()
                default:
                    try await sql.raw(
                        "UPDATE placement_outcomes SET status = \(bind: n % 2 == 0 ? "work" : "job_seeking") WHERE placement_id = \(bind: ids[n % ids.count])"
                    ).run()
                }
            }
            #expect(result.errors.isEmpty, "\(result.errors.map { String(reflecting: $0) })")
            try await Self.exact(after: "simultaneous writes", app)
        }
    }

    private struct Count: Decodable { let n: Int }
}
