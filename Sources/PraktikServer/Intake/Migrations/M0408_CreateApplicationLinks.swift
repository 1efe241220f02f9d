import Fluent
import SQLKit

struct M0408_CreateApplicationLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationLink.schema)
            .id()
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApplicationLink.schema).delete()
    }
}
