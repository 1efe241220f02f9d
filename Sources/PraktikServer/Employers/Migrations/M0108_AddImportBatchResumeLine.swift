import Fluent

/// Imports store their rows in chunks, each in its own transaction; the last line of the last
/// stored chunk is where an import resumes after a restart.
struct M0108_AddImportBatchResumeLine: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportBatch.schema).field("resume_after_line", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportBatch.schema).deleteField("resume_after_line").update()
    }
}
