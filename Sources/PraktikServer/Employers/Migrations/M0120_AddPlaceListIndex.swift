import Fluent
import SQLKit

/// The place list's default order (first day, then id so that pages never overlap) as an index,
/// so a page is read in order instead of sorting each day's places by id.
struct M0120_AddPlaceListIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("CREATE INDEX places_start_id_idx ON places (period_start, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX places_start_id_idx").run()
    }
}
