import Fluent
import SQLKit

/// On SQLite, the report table's two period indexes become one index per grouping
/// (`ReportFacts.periodIndexes`), so each report aggregates as it reads instead of sorting every row
/// of its period. PostgreSQL keeps its indexes; a database made after this change already has them.
struct M0605_GroupOrderedReportIndexes: AsyncMigration {
    static let replaced = ["report_placements_last_day_idx", "report_placements_first_day_idx"]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        for name in Self.replaced { try await sql.raw("DROP INDEX IF EXISTS \(ident: name)").run() }
        for index in ReportFacts.periodIndexes(sqlite: true) { try await sql.raw("\(unsafeRaw: index.definition)").run() }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        for index in ReportFacts.periodIndexes(sqlite: true) { try await sql.raw("DROP INDEX IF EXISTS \(ident: index.name)").run() }
        for index in ReportFacts.periodIndexes(sqlite: false) { try await sql.raw("\(unsafeRaw: index.definition)").run() }
    }
}
