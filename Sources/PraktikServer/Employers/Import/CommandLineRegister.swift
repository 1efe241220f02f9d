import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The register's import and export for `praktik import employers` and `praktik export employers`,
/// through the same parser, rules and bulk inserts as the web.
public enum CommandLineRegister {
    public struct ImportSummary: Sendable, CustomStringConvertible {
        public let rows: Int
        public let valid: Int
        public let problems: [String]
        public let imported: Bool
        public let employersCreated: Int
        public let workplacesCreated: Int
        public let placesCreated: Int
        public let seconds: Double

        public var description: String {
            var lines = problems.prefix(50).map { "  \($0)" }
            if problems.count > 50 { lines.append("  … and \(problems.count - 50) more") }
            let head = "\(rows) rows, \(valid) valid, \(problems.count) problems"
            let tail =
                imported
                ? "imported in \(String(format: "%.2f", seconds)) s: \(employersCreated) employers, \(workplacesCreated) workplaces, \(placesCreated) places created"
                : "nothing imported"
            return ([head] + lines + [tail]).joined(separator: "\n")
        }
    }

    public static func importFile(_ content: String, allOrNothing: Bool, dryRun: Bool, on app: Application) async throws -> ImportSummary {
        let importer = RegisterImporter(database: app.db, clock: app.clock)
        let preview = try await importer.preview(content)
        let problems =
            (preview.parsed.fileProblem.map { ["file: \($0)"] } ?? [])
            + preview.problems.map { "line \($0.line)\($0.column.map { " (\($0))" } ?? ""): \($0.code)" }
        let refuse = dryRun || preview.parsed.fileProblem != nil || (allOrNothing && preview.hasProblems)
        var outcome = RegisterImporter.Outcome()
        let started = Date()
        if !refuse {
            outcome = try await app.db.writingTransaction { db in
                let outcome = try await RegisterImporter.insert(preview, on: db, clock: app.clock)
                try await AuditLog(database: db, clock: app.clock).record(
                    .create, by: .system("cli-import"), recordType: .importBatch, recordID: nil,
                    detail: "employers=\(outcome.employersCreated),workplaces=\(outcome.workplacesCreated),places=\(outcome.placesCreated)")
                return outcome
            }
        }
        return ImportSummary(
            rows: preview.parsed.recordCount, valid: preview.rows.count, problems: problems, imported: !refuse,
            employersCreated: outcome.employersCreated, workplacesCreated: outcome.workplacesCreated, placesCreated: outcome.placesCreated,
            seconds: Date().timeIntervalSince(started))
    }

    public static func exportCSV(on app: Application) async throws -> String {
        let sql = try app.db.sql
        let text = try await RegisterExport(sql: sql).csv(.init(includeInactive: true))
        try await AuditLog(database: app.db, clock: app.clock).record(
            .export, by: .system("cli-export"), recordType: .employerRegister, recordID: nil)
        return text
    }
}
