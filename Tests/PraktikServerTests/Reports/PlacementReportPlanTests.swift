import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// The placement reports read their period through the report table's indexes
/// (`ReportFacts.periodIndexes`): on SQLite each report's grouping comes in index order, so it adds
/// up rows as it reads them instead of sorting every row of the period first (issue 14: a whole
/// history of 1,000,000 placements in 0.2–0.5 s instead of 0.6–1.1 s).
@Suite("Placement reports: their query plans")
struct PlacementReportPlanTests {
    static let placementReports: [PlacementReports.Name] = [.outcome3Months, .outcomesAtExit, .starts, .costs, .jobAtHost]

    @Test("the report table has the period indexes of its database, whether made new or migrated")
    func indexes() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            let sqlite = sql.dialect.name == "sqlite"
            struct Name: Decodable { let name: String }
            let query: SQLQueryString =
                sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'report_placements' AND sql IS NOT NULL"
                : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'report_placements' AND indexname <> 'report_placements_pkey'"
            let names = Set(try await sql.raw(query).all(decoding: Name.self).map(\.name))
            let expected = Set(ReportFacts.periodIndexes(sqlite: sqlite).map(\.name) + ["report_placements_participant_idx"])
            #expect(names == expected)
            if sqlite { #expect(names.isDisjoint(with: M0605_GroupOrderedReportIndexes.replaced)) }

            // Reverting the change gives the former indexes back; applying it again, these.
            try await M0605_GroupOrderedReportIndexes().revert(on: app.db)
            let reverted = Set(try await sql.raw(query).all(decoding: Name.self).map(\.name))
            #expect(
                reverted == Set(ReportFacts.periodIndexes(sqlite: false).map(\.name) + ["report_placements_participant_idx"]))
            try await M0605_GroupOrderedReportIndexes().prepare(on: app.db)
            #expect(Set(try await sql.raw(query).all(decoding: Name.self).map(\.name)) == expected)
        }
    }

    @Test("on SQLite every placement report reads one covering index in its grouping's order, with no sort")
    func groupedAsRead() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            guard sql.dialect.name == "sqlite" else { return }
            _ = try await ReportsBenchmark.load(placements: 300, seed: 5, writeTo: nil, on: app)
            let first = try #require(CivilDate(year: 2016, month: 1, day: 1))
            for name in Self.placementReports {
                let recorder = StatementRecorder(recording: sql)
                let reports = PlacementReports(database: app.db, policy: app.settings.disclosure, clock: app.clock, recorder: recorder)
                let table = try await reports.table(
                    name, period: .init(from: first, to: try app.clock.today()), exact: true)
                #expect(!table.rows.isEmpty, "\(name)")
                #expect(recorder.statements.count == 1, "\(name)")
                for statement in recorder.statements {
                    let plan = try await sqlitePlan(of: statement, on: sql)
                    #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(name): \(plan)")
                    #expect(plan.contains { $0.contains("USING COVERING INDEX report_placements_") }, "\(name): \(plan)")
                }
            }
        }
    }
    @Test("on SQLite the feedback report finds each answer's placement by its key, never by reading them all")
    func feedbackByKey() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            guard sql.dialect.name == "sqlite" else { return }
            let recorder = StatementRecorder(recording: sql)
            let reports = PlacementReports(database: app.db, policy: app.settings.disclosure, clock: app.clock, recorder: recorder)
            let first = try #require(CivilDate(year: 2016, month: 1, day: 1))
            _ = try await reports.table(.feedback, period: .init(from: first, to: try app.clock.today()), exact: true)
            let statement = try #require(recorder.statements.first)
            let plan = try await sqlitePlan(of: statement, on: sql)
            #expect(!plan.contains { $0.hasPrefix("SCAN pl") }, "\(plan)")
            #expect(plan.contains { $0.hasPrefix("SEARCH pl USING") }, "\(plan)")
        }
    }
}
