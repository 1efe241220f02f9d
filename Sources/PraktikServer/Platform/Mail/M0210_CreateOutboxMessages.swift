import Fluent

struct M0210_CreateOutboxMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body_text", .string, .required)
            .field("participant_id", .uuid, .references(Participant.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
    }
}
