import Fluent

struct M0207_CreatePortalSignInLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PortalSignInLink.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PortalSignInLink.schema).delete()
    }
}
