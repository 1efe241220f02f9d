import Fluent
import SQLKit

/// Placements by the application they came from. "Was this applicant placed?" (the comparison
/// report, its register import and the demo) asks it for every applicant of an intake as an
/// `EXISTS` on `placements.application_id`; without an index PostgreSQL could only answer each by
/// reading all placements, and on a freshly loaded database without statistics it chose to, for
/// minutes (seen in CI on the demo's 2023 intake).
struct M0603_AddPlacementApplicationIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.create(index: "placements_application_idx").on(Placement.schema).column("application_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "placements_application_idx").run()
    }
}
