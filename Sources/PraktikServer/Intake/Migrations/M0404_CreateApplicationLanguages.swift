import Fluent
import SQLKit

struct M0404_CreateApplicationLanguages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationLanguage.schema)
            .id()
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("language", .string, .required)
            .field("level", .string, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "application_languages_application_idx").on(ApplicationLanguage.schema).column("application_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApplicationLanguage.schema).delete()
    }
}
