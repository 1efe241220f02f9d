import Fluent
import SQLKit

/// Submissions of the public forms per client address, for throttling; nothing else is kept.
struct M0409_CreateApplicationAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationAttempt.schema)
            .id()
            .field("client_address", .string, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "application_attempts_address_idx").on(ApplicationAttempt.schema)
            .column("client_address").column("attempted_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApplicationAttempt.schema).delete()
    }
}
