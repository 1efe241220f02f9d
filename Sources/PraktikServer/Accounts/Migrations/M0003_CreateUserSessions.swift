import Fluent
import SQLKit

struct M0003_CreateUserSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserSession.schema)
            .id()
            .field("token_digest", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("end_reason", .string)
            .unique(on: "token_digest")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "user_sessions_user_id_idx").on(UserSession.schema).column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserSession.schema).delete()
    }
}
