import Fluent

/// A register's outcome file between preview and import, and the import's result.
struct M0310_CreateOutcomeImportBatches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutcomeImportBatch.schema)
            .id()
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("file_name", .string, .required)
            .field("content", .string, .required)
            .field("status", .string, .required)
            .field("rows_total", .int, .required)
            .field("rows_invalid", .int, .required)
            .field("rows_written", .int, .required)
            .field("rows_skipped", .int, .required)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutcomeImportBatch.schema).delete()
    }
}
