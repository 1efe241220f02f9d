import Fluent

struct M0205_CreateParticipantOutcomes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutcomeRecord.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("horizon", .string, .required)
            .field("status", .string, .required)
            .field("employer_is_host", .bool)
            .field("source", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutcomeRecord.schema).delete()
    }
}
