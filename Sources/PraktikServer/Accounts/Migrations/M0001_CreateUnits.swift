import Fluent

struct M0001_CreateUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationUnit.schema)
            .id()
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("kind", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganisationUnit.schema).delete()
    }
}
