import Fluent
import SQLKit

struct M0400_CreateProgrammes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Programme.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("unit_id", .uuid, .required, .references(OrganisationUnit.schema, "id"))
            .field("placement_months", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Programme.schema).delete()
    }
}
