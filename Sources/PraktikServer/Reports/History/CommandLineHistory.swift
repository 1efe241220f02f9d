import Fluent
import Foundation
import PraktikCore
import Vapor

/// `praktik import history FILE`: the same reading, checks and bulk inserts as the admin page, in
/// one transaction, with every invalid row listed by line.
public enum CommandLineHistory {
    public struct Summary: Sendable, CustomStringConvertible {
        public let rows: Int
        public let problems: [String]
        public let fileProblem: String?
        public let imported: Bool
        public let alreadyStored: Int
        public let placementsCreated: Int
        public let participantsCreated: Int
        public let employersCreated: Int
        public let unitsCreated: Int
        public let outcomesCreated: Int
        public let paymentsCreated: Int
        public let seconds: Double

        public var description: String {
            var lines = problems.prefix(200).map { "  \($0)" }
            if problems.count > 200 { lines.append("  … and \(problems.count - 200) more") }
            let head = "\(rows) rows, \(problems.count) problems" + (fileProblem.map { " (file: \($0))" } ?? "")
            let tail =
                imported
                ? "imported in \(String(format: "%.2f", seconds)) s: \(placementsCreated) placements, \(participantsCreated) people, "
                    + "\(employersCreated) employers, \(unitsCreated) units, \(outcomesCreated) outcomes, \(paymentsCreated) payments created; "
                    + "\(alreadyStored) placements were already stored"
                : "nothing imported (all or nothing)"
            return ([head] + lines + [tail]).joined(separator: "\n")
        }
    }

    public static func importFile(_ content: String, dryRun: Bool, on app: Application) async throws -> Summary {
        let started = Date()
        let clock = app.clock
        let parsed = try await HistoryImporter(database: app.db, clock: clock).parse(content)
        let (plan, outcome): (HistoryImporter.Plan, HistoryImporter.Outcome?)
        if dryRun {
            plan = try await HistoryImporter(database: app.db, clock: clock).plan(parsed)
            outcome = nil
        } else {
            (plan, outcome) = try await app.db.transaction { db in
                try await HistoryImporter(database: db, clock: clock).store(parsed, by: .system("cli-history-import"))
            }
        }
        let result = outcome ?? HistoryImporter.Outcome()
        return Summary(
            rows: plan.parsed.recordCount,
            problems: plan.problems.map { problem in
                "line \(problem.line)\(problem.column.map { " (\($0.rawValue))" } ?? ""): \(problem.code)"
                    + (problem.otherLine.map { " (see line \($0))" } ?? "")
            },
            fileProblem: plan.parsed.fileProblem, imported: outcome != nil, alreadyStored: plan.alreadyStored,
            placementsCreated: result.placementsCreated, participantsCreated: result.participantsCreated,
            employersCreated: result.employersCreated, unitsCreated: result.unitsCreated, outcomesCreated: result.outcomesCreated,
            paymentsCreated: result.paymentsCreated, seconds: Date().timeIntervalSince(started))
    }
}
