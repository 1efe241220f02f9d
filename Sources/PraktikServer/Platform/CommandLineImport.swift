import Fluent
import Foundation
import Vapor

/// What every `praktik import …` command does with a file its importer has read: a dry run only
/// plans; a real run plans and stores in one writing transaction, all or nothing. The summary is
/// told the same way by every import: rows and problems, each problem by line, then what was stored.
enum CommandLineImport {
    struct Run<Plan: Sendable, Outcome: Sendable>: Sendable {
        let plan: Plan
        /// Nil for a dry run or a refused file: nothing was stored.
        let outcome: Outcome?
        let seconds: Double
    }

    static func run<Plan: Sendable, Outcome: Sendable>(
        dryRun: Bool, on app: Application, plan: (any Database) async throws -> Plan,
        store: @escaping @Sendable (any Database) async throws -> (Plan, Outcome?)
    ) async throws -> Run<Plan, Outcome> {
        let started = Date()
        if dryRun { return Run(plan: try await plan(app.db), outcome: nil, seconds: Date().timeIntervalSince(started)) }
        let (stored, outcome) = try await app.db.writingTransaction(store)
        StepTimes.mark("commit")
        return Run(plan: stored, outcome: outcome, seconds: Date().timeIntervalSince(started))
    }

    /// One problem as the operator reads it: `line 4 (status): code`, then any detail.
    static func problem(line: Int, column: String?, code: String, detail: String = "") -> String {
        "line \(line)\(column.map { " (\($0))" } ?? ""): \(code)\(detail)"
    }

    /// The summary's text; `fileProblem` as it should read, `imported` the last line of a stored file.
    static func description(rows: Int, problems: [String], fileProblem: String?, imported: String?) -> String {
        var lines = problems.prefix(200).map { "  \($0)" }
        if problems.count > 200 { lines.append("  … and \(problems.count - 200) more") }
        let head = "\(rows) rows, \(problems.count) problems" + (fileProblem.map { " (file: \($0))" } ?? "")
        return ([head] + lines + [imported ?? "nothing imported (all or nothing)"]).joined(separator: "\n")
    }
}
