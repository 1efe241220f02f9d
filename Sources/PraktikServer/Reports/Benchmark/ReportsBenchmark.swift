import Fluent
import Foundation
import NIOConcurrencyHelpers
import PraktikCore
import SQLKit
import Vapor

/// `praktik bench reports` (issue 14, Performance): a generated history file imported as
/// `praktik import history` imports it, then every placement report timed twice in the same run:
/// as the application computes it for an analyst (`PlacementReports.table`, exact: false) and as
/// the bare statements that report sent, run again on the same database with their rows fetched
/// and nothing else done.
public enum ReportsBenchmark {
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    public struct ReportTiming: Sendable {
        public let name: String
        /// Rows of the published table.
        public let tableRows: Int
        public let statements: Int
        /// Rows the statements return.
        public let databaseRows: Int
        /// Medians over the runs.
        public let appSeconds: Double
        public let rawSeconds: Double

        public var overhead: Double { rawSeconds > 0 ? appSeconds / rawSeconds : 0 }

        /// The overhead target, judged by the ratio; a report whose raw query answers in a
        /// fraction of a millisecond (an empty table) passes when the application adds at most
        /// `overheadFloor`, since there the ratio measures one task switch, not the report's cost.
        public var overheadVerdict: String {
            if overhead <= ReportsBenchmark.overheadTarget { return "PASS" }
            return appSeconds - rawSeconds <= ReportsBenchmark.overheadFloor ? "PASS (adds under 1 ms)" : "FAIL"
        }
    }

    public struct Loaded: Sendable {
        public let placements: Int
        public let bytes: Int
        public let generateSeconds: Double
        public let summary: CommandLineHistory.Summary
        /// Where the import's time went (`StepTimes`), in order.
        public let importSteps: String
    }

    /// Targets of the issue.
    public static let importTarget = 60.0
    public static let reportTarget = 1.0
    public static let overheadTarget = 1.2
    public static let overheadFloor = 0.001

    /// Generates `placements` rows and imports them into a database that holds no placements yet.
    public static func load(placements: Int, seed: UInt64, writeTo path: String?, on app: Application) async throws -> Loaded {
        guard placements > 0 else { throw Refusal(description: "--placements must be at least 1.") }
        let sql = try app.db.sql
        struct Count: Decodable { let n: Int }
        let stored = try await sql.raw("SELECT COUNT(*) AS n FROM placements").first(decoding: Count.self)?.n ?? 0
        guard stored == 0 else {
            throw Refusal(description: "The database already holds \(stored) placements; use an empty one, or --reuse to time only.")
        }
        struct Code: Decodable { let code: String }
        let purposes = try await sql.raw("SELECT DISTINCT code FROM programme_purposes").all(decoding: Code.self).map(\.code)
        let started = ContinuousClock.now
        let file = HistoryBenchFile.generate(placements: placements, seed: seed, today: try app.clock.today(), purposes: purposes)
        let generated = seconds(since: started)
        if let path { try Data(file.utf8).write(to: URL(fileURLWithPath: path)) }
        let steps = StepTimes()
        let summary = try await StepTimes.$current.withValue(steps) {
            try await CommandLineHistory.importFile(file, dryRun: false, on: app)
        }
        guard summary.imported, summary.placementsCreated == placements else {
            throw Refusal(description: "The import did not store every generated row:\n\(summary)")
        }
        // PostgreSQL's autovacuum refreshes the planner's statistics within a minute of a bulk
        // write; the benchmark does it at once so its timings do not depend on that minute.
        if sql.dialect.name == "postgresql" { try await sql.raw("ANALYZE").run() }
        return Loaded(
            placements: placements, bytes: file.utf8.count, generateSeconds: generated, summary: summary, importSteps: steps.summary)
    }

    /// The periods timed: all of the generated history (the issue's case), and the reports page's
    /// own (from 1 January last year through today), which an analyst meets first.
    public enum Span: String, CaseIterable, Sendable {
        case history
        case standard
    }

    public static func period(_ span: Span, on app: Application) throws -> (from: CivilDate, to: CivilDate) {
        let today = try app.clock.today()
        let period =
            switch span {
            case .history:
                PlacementReports.Period(from: CivilDate(year: today.year - HistoryBenchFile.years, month: 1, day: 1) ?? today, to: today)
            case .standard: ReportPeriod.standard(today: today)
            }
        return (period.from, period.to)
    }

    /// Every report, timed `runs` times each way after one run that records its statements.
    public static func time(runs: Int, span: Span = .history, on app: Application) async throws -> [ReportTiming] {
        let (from, to) = try period(span, on: app)
        let period = PlacementReports.Period(from: from, to: to)
        let policy = app.settings.disclosure
        let sql = try app.db.sql
        var timings: [ReportTiming] = []
        for name in PlacementReports.Name.allCases {
            let recorder = StatementRecorder(recording: sql)
            let table = try await PlacementReports(database: app.db, policy: policy, recorder: recorder).table(
                name, period: period, exact: false)
            let statements = recorder.statements
            guard !statements.isEmpty else { throw Refusal(description: "\(name.rawValue) sent no statement to record.") }
            var appTimes: [Double] = []
            var rawTimes: [Double] = []
            var databaseRows = 0
            for run in 0..<max(1, runs) {
                // Alternate which goes first, so neither always finds the other's pages cached.
                for appFirst in run.isMultiple(of: 2) ? [true, false] : [false, true] {
                    let started = ContinuousClock.now
                    if appFirst {
                        _ = try await PlacementReports(database: app.db, policy: policy).table(name, period: period, exact: false)
                        appTimes.append(seconds(since: started))
                    } else {
                        databaseRows = try await replay(statements, on: sql)
                        rawTimes.append(seconds(since: started))
                    }
                }
            }
            timings.append(
                ReportTiming(
                    name: name.rawValue, tableRows: table.rows.count, statements: statements.count, databaseRows: databaseRows,
                    appSeconds: median(appTimes), rawSeconds: median(rawTimes)))
        }
        return timings
    }

    /// Runs the statements as they were sent and fetches every row; returns how many rows came.
    static func replay(_ statements: [RecordedStatement], on sql: any SQLDatabase) async throws -> Int {
        let rows = NIOLockedValueBox(0)
        for statement in statements {
            try await sql.execute(sql: statement) { _ in rows.withLockedValue { $0 += 1 } }
        }
        return rows.withLockedValue { $0 }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The figures as a Markdown table, with a verdict per target.
    public static func markdown(_ timings: [ReportTiming], runs: Int) -> String {
        var lines = [
            "| report | table rows | statements | rows from the database | application ms | raw SQL ms | application / raw | under 1 s | overhead at most 1.2 |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        for timing in timings {
            let underOne = timing.appSeconds < reportTarget && timing.rawSeconds < reportTarget
            lines.append(
                "| \(timing.name) | \(timing.tableRows) | \(timing.statements) | \(timing.databaseRows) | "
                    + String(format: "%.1f | %.1f | %.2f", timing.appSeconds * 1000, timing.rawSeconds * 1000, timing.overhead)
                    + " | \(underOne ? "PASS" : "FAIL") | \(timing.overheadVerdict) |")
        }
        lines.append("")
        lines.append("Medians of \(runs) runs each way, after one run that recorded the statements.")
        return lines.joined(separator: "\n")
    }
}
