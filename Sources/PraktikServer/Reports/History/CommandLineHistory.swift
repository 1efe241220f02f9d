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
            CommandLineImport.description(
                rows: rows, problems: problems, fileProblem: fileProblem,
                imported: imported
                    ? "imported in \(String(format: "%.2f", seconds)) s: \(placementsCreated) placements, \(participantsCreated) people, "
                        + "\(employersCreated) employers, \(unitsCreated) units, \(outcomesCreated) outcomes, \(paymentsCreated) payments created; "
                        + "\(alreadyStored) placements were already stored" : nil)
        }
    }

    public static func importFile(_ content: String, dryRun: Bool, on app: Application) async throws -> Summary {
        let clock = app.clock
        let run = try await CommandLineImport.run(dryRun: dryRun, on: app) { db in
            try await HistoryImporter(database: db, clock: clock).plan(content)
        } store: { db in
            try await HistoryImporter(database: db, clock: clock).store(content, by: .system("cli-history-import"))
        }
        let (plan, outcome) = (run.plan, run.outcome)
        let result = outcome ?? HistoryImporter.Outcome()
        return Summary(
            rows: plan.parsed.recordCount,
            problems: plan.problems.map { problem in
                CommandLineImport.problem(
                    line: problem.line, column: problem.column?.rawValue, code: problem.code,
                    detail: problem.otherLine.map { " (see line \($0))" } ?? "")
            },
            fileProblem: plan.parsed.fileProblem, imported: outcome != nil, alreadyStored: plan.alreadyStored,
            placementsCreated: result.placementsCreated, participantsCreated: result.participantsCreated,
            employersCreated: result.employersCreated, unitsCreated: result.unitsCreated, outcomesCreated: result.outcomesCreated,
            paymentsCreated: result.paymentsCreated, seconds: run.seconds)
    }
}
