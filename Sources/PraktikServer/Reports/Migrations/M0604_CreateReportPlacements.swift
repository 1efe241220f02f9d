import Fluent
import SQLKit

/// The placement reports' one-row-per-placement table, its defining view and the triggers that keep
/// the two equal (`ReportFacts`); filled from the placements already stored.
struct M0604_CreateReportPlacements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await ReportFacts.create(on: database.sql)
    }

    func revert(on database: any Database) async throws {
        try await ReportFacts.drop(on: database.sql)
    }
}
