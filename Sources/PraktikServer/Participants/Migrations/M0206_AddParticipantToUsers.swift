import Fluent

/// Links a participant's portal account to their record.
struct M0206_AddParticipantToUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("participant_id", .uuid, .references(Participant.schema, "id"))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("participant_id").update()
    }
}
