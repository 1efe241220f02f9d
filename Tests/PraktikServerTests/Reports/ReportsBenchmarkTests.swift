import Foundation
import NIOConcurrencyHelpers
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// `praktik bench reports` (issue 14, Performance) at a small size: the generated file is valid and
/// varied, the import stores all of it, and every report's statements are recorded and run again,
/// so the benchmark cannot silently time nothing.
@Suite("Reports benchmark")
struct ReportsBenchmarkTests {
    static func purposes(_ app: Application) async throws -> [String] {
        struct Code: Decodable { let code: String }
        return try await app.db.sql.raw("SELECT DISTINCT code FROM programme_purposes").all(decoding: Code.self).map(\.code)
    }

    @Test("the generated history is deterministic, valid and varied")
    func generatedFile() async throws {
        try await withPraktikApp { app in
            let today = try app.clock.today()
            let purposes = try await Self.purposes(app)
            let file = HistoryBenchFile.generate(placements: 600, seed: 3, today: today, purposes: purposes)
            #expect(file == HistoryBenchFile.generate(placements: 600, seed: 3, today: today, purposes: purposes.reversed()))
            #expect(file != HistoryBenchFile.generate(placements: 600, seed: 4, today: today, purposes: purposes))

            let parsed = HistoryFile.parse(file, today: today, purposes: Set(purposes))
            #expect(parsed.fileProblem == nil)
            #expect(parsed.problems.isEmpty, "\(parsed.problems.prefix(5))")
            #expect(parsed.rows.count == 600)
            let perPerson = Dictionary(grouping: parsed.rows) { $0.person.storageValue ?? "" }
            #expect(perPerson.count < 400)
            #expect(perPerson.values.contains { $0.count >= 3 })
            #expect(Set(parsed.rows.map(\.gender)).isSuperset(of: [.woman, .man]))
            #expect(Set(parsed.rows.map(\.benefitType)).count == 3)
            #expect(Set(parsed.rows.map(\.unitName)).count > 5)
            #expect(Set(parsed.rows.map(\.employer.storageValue)).count > 10)
            #expect(Set(parsed.rows.compactMap(\.purpose)).count > 3)
            #expect(Set(parsed.rows.compactMap(\.regime)).count == 3)
            #expect(Set(parsed.rows.compactMap(\.outcomeAtExit)).count > 4)
            #expect(Set(parsed.rows.compactMap(\.outcome3Months)).count > 4)
            #expect(parsed.rows.contains { $0.hiredByHost == true })
            #expect(parsed.rows.contains { $0.benefitPaidMinor != nil })
            #expect(Set(parsed.rows.map(\.start.year)).count >= 8)
        }
    }

    @Test("the benchmark imports every generated row and times every report's own statements")
    func importsAndTimes() async throws {
        try await withPraktikApp { app in
            let loaded = try await ReportsBenchmark.load(placements: 500, seed: 9, writeTo: nil, on: app)
            #expect(loaded.summary.placementsCreated == 500)
            #expect(loaded.summary.participantsCreated < 500)
            for step in ["read the file", "check against the database", "placements written", "report rows built", "commit"] {
                #expect(loaded.importSteps.contains(step), "\(loaded.importSteps)")
            }
            await #expect(throws: ReportsBenchmark.Refusal.self) {
                _ = try await ReportsBenchmark.load(placements: 10, seed: 9, writeTo: nil, on: app)
            }

            let timings = try await ReportsBenchmark.time(runs: 1, on: app)
            #expect(timings.map(\.name) == PlacementReports.Name.allCases.map(\.rawValue))
            for timing in timings {
                #expect(timing.statements >= 1, "\(timing.name)")
                #expect(timing.appSeconds > 0 && timing.rawSeconds > 0, "\(timing.name)")
            }
            // The history holds placements, outcomes and payments (no end forms, no applications).
            let placementReports: Set<String> = ["outcome-3m", "outcomes-at-exit", "starts", "costs", "job-at-host"]
            for timing in timings where placementReports.contains(timing.name) {
                #expect(timing.databaseRows > 0, "\(timing.name)")
                #expect(timing.tableRows > 0, "\(timing.name)")
            }
        }
    }

    @Test("a recorded statement runs again with its own values bound")
    func recordedStatements() async throws {
        try await withPraktikApp { app in
            _ = try await ReportsBenchmark.load(placements: 120, seed: 2, writeTo: nil, on: app)
            let sql = try app.db.sql
            let recorder = StatementRecorder(recording: sql)
            struct Count: Decodable { let n: Int }
            let completed = try await recorder.raw(
                "SELECT COUNT(*) AS n FROM placements WHERE status = \(bind: PlacementStatus.completed.rawValue) AND origin = \(bind: "history")"
            ).first(decoding: Count.self)
            let none = try await recorder.raw("SELECT id FROM placements WHERE status = \(bind: "no-such-status")").all()
            #expect(completed?.n == 120)
            #expect(none.isEmpty)
            let statements = recorder.statements
            #expect(statements.count == 2)
            #expect(statements.first?.binds.count == 2)

            let again = try await sql.execute(statements[0]).first(decoding: Count.self)
            #expect(again?.n == 120)
            #expect(try await ReportsBenchmark.replay([statements[1]], on: sql) == 0)
            #expect(try await ReportsBenchmark.replay(statements, on: sql) == 1)
        }
    }

    @Test("the overhead verdict: a ratio up to 1.2 passes; above it only a query of a fraction of a millisecond that gains under 1 ms")
    func overheadVerdict() {
        func timing(app: Double, raw: Double) -> ReportsBenchmark.ReportTiming {
            ReportsBenchmark.ReportTiming(name: "r", tableRows: 0, statements: 1, databaseRows: 0, appSeconds: app, rawSeconds: raw)
        }
        #expect(timing(app: 1.2, raw: 1.0).overheadVerdict == "PASS")
        #expect(timing(app: 1.3, raw: 1.0).overheadVerdict == "FAIL")
        #expect(timing(app: 0.0003, raw: 0.0001).overheadVerdict == "PASS (adds under 1 ms)")
        #expect(timing(app: 0.0034, raw: 0.0002).overheadVerdict == "FAIL")
    }
}

extension SQLDatabase {
    /// Rows of one expression, for the test.
    fileprivate func execute(_ statement: RecordedStatement) async throws -> [any SQLRow] {
        let rows = NIOLockedValueBox<[any SQLRow]>([])
        try await execute(sql: statement) { row in rows.withLockedValue { $0.append(row) } }
        return rows.withLockedValue { $0 }
    }
}

extension Array where Element == any SQLRow {
    fileprivate func first<D: Decodable>(decoding type: D.Type) throws -> D? {
        try first.map { try $0.decode(model: type) }
    }
}
