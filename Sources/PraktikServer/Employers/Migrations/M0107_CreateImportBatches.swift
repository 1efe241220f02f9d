import Fluent

struct M0107_CreateImportBatches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportBatch.schema)
            .id()
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("file_name", .string, .required)
            .field("content", .string, .required)
            .field("status", .string, .required)
            .field("all_or_nothing", .bool, .required)
            .field("rows_total", .int, .required)
            .field("rows_valid", .int, .required)
            .field("rows_invalid", .int, .required)
            .field("rows_processed", .int, .required)
            .field("employers_created", .int, .required)
            .field("workplaces_created", .int, .required)
            .field("places_created", .int, .required)
            .field("error", .string)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportBatch.schema).delete()
    }
}
