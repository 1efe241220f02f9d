import Fluent
import SQLKit

/// Uploaded history files and their imports (issue 14).
struct M0600_CreateHistoryImports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HistoryImport.schema)
            .id()
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("file_name", .string, .required)
            .field("content", .string, .required)
            .field("status", .string, .required)
            .field("rows_total", .int, .required)
            .field("rows_valid", .int, .required)
            .field("rows_invalid", .int, .required)
            .field("rows_already_stored", .int, .required)
            .field("problems", .string, .required)
            .field("problem_count", .int, .required)
            .field("outcome", .string)
            .field("error", .string)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HistoryImport.schema).delete()
    }
}
