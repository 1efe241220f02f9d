import Fluent
import Foundation
import PraktikCore
import Vapor

/// `praktik import applicant-outcomes --intake ID FILE`: the register's 3-month statuses of an
/// intake's eligible applicants who were not placed, all or nothing, every invalid row by line.
public enum CommandLineApplicantOutcomes {
    public struct Summary: Sendable, CustomStringConvertible {
        public let rows: Int
        public let problems: [String]
        public let fileProblem: String?
        public let imported: Bool
        public let created: Int
        public let changed: Int
        public let unchanged: Int

        public var description: String {
            CommandLineImport.description(
                rows: rows, problems: problems, fileProblem: fileProblem.map { "\($0): \(explain($0))" },
                imported: imported ? "imported: \(created) statuses created, \(changed) changed, \(unchanged) already stored" : nil)
        }
    }

    /// What a problem code means, in the operator's words.
    static func explain(_ code: String) -> String {
        switch code {
        case "applicant-outcome.row.placed":
            "this applicant was placed; a placed person's 3-month outcome is their placement's own outcome, record it there"
        case "applicant-outcome.row.not-eligible": "this applicant was not found eligible (green, or orange cleared by a case worker)"
        case "applicant-outcome.row.not-an-applicant": "no application to this intake with this person number"
        case "applicant-outcome.row.duplicate": "the same person is in the file twice"
        case "applicant-outcome.row.person-number": "not a valid person number"
        case "applicant-outcome.row.status": "not a status code (\(OutcomeStatus.allCases.map(\.rawValue).joined(separator: ", ")))"
        case "applicant-outcome.row.required": "empty"
        case "applicant-outcome.file.too-early": "the intake's 3-month horizon (its last placement day plus three months) has not come yet"
        case "applicant-outcome.file.missing-column": "the header must name person_number and status"
        case "applicant-outcome.file.empty": "the file is empty"
        default: code
        }
    }

    public static func importFile(
        _ content: String, intakeID: UUID, sourceName: String, dryRun: Bool, on app: Application
    ) async throws -> Summary {
        let clock = app.clock
        let run = try await CommandLineImport.run(dryRun: dryRun, on: app) { db in
            try await ApplicantOutcomeImporter(database: db, clock: clock).plan(content, intakeID: intakeID)
        } store: { db in
            try await ApplicantOutcomeImporter(database: db, clock: clock).store(
                content, intakeID: intakeID, sourceName: sourceName, by: .system("cli-applicant-outcome-import"))
        }
        let (plan, outcome) = (run.plan, run.outcome)
        return Summary(
            rows: plan.parsed.recordCount,
            problems: plan.problems.map { problem in
                CommandLineImport.problem(
                    line: problem.line, column: problem.column, code: problem.code, detail: ": \(explain(problem.code))")
            },
            fileProblem: plan.fileProblem, imported: outcome != nil, created: outcome?.created ?? 0, changed: outcome?.changed ?? 0,
            unchanged: outcome?.unchanged ?? 0)
    }
}
