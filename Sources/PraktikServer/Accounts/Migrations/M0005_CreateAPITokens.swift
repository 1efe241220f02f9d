import Fluent

struct M0005_CreateAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema)
            .id()
            .field("name", .string, .required)
            .field("token_digest", .string, .required)
            .field("prefix", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
    }
}
