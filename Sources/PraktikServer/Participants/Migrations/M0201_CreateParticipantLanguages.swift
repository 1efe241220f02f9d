import Fluent

struct M0201_CreateParticipantLanguages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ParticipantLanguage.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("language", .string, .required)
            .field("level", .string, .required)
            .unique(on: "participant_id", "language")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ParticipantLanguage.schema).delete()
    }
}
