import Fluent
import SQLKit

/// A message is claimed by one deliverer before it is sent (`Outbox.deliverPending`), so several
/// instances, and requests and the mail job at once, send it once. `claimed_until` is the claim's
/// expiry, and after a failed attempt the time before which it is not tried again.
struct M0013_AddOutboxClaims: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(OutboxMessage.schema).field("claimed_by", .string).update()
        try await database.schema(OutboxMessage.schema).field("claimed_until", .datetime).update()
        // The deliverers' question, "the oldest unsent message", without reading the sent ones.
        try await database.sql.raw(
            "CREATE INDEX outbox_messages_unsent_idx ON outbox_messages (created_at) WHERE sent_at IS NULL"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX outbox_messages_unsent_idx").run()
        try await database.schema(OutboxMessage.schema).deleteField("claimed_until").update()
        try await database.schema(OutboxMessage.schema).deleteField("claimed_by").update()
    }
}
