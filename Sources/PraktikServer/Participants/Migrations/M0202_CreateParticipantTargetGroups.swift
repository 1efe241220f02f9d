import Fluent

struct M0202_CreateParticipantTargetGroups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ParticipantTargetGroup.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("tag", .string, .required)
            .unique(on: "participant_id", "tag")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ParticipantTargetGroup.schema).delete()
    }
}
