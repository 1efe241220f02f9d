import Fluent
import SQLKit

struct M0204_CreateConsentEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ConsentEvent.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("purpose_code", .string, .required)
            .field("action", .string, .required)
            .field("channel", .string, .required)
            .field("text_version", .int, .required)
            .field("occurred_at", .datetime, .required)
            .field("recorded_by", .uuid)
            .field("sequence", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "consent_events_participant_idx").on(ConsentEvent.schema)
            .column("participant_id").column("purpose_code").run()
        // The ledger is history: it is appended to, never rewritten.
        try await AppendOnlyGuard.install(on: sql, table: ConsentEvent.schema)
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await AppendOnlyGuard.remove(on: sql, table: ConsentEvent.schema) }
        try await database.schema(ConsentEvent.schema).delete()
    }
}
