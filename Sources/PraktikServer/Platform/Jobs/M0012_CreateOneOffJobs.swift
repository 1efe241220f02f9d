import Fluent
import SQLKit

struct M0012_CreateOneOffJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OneOffJobRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("job_key", .string)
            .field("status", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("locked_by", .string)
            .field("lease_expires_at", .datetime)
            .field("last_error", .string)
            .field("progress_done", .int)
            .field("progress_total", .int)
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        let sql = try database.sql
        // One live job per kind and key: enqueueing twice (two clicks, two instances) keeps one.
        // A partial unique index, which SQLite and PostgreSQL both support.
        try await sql.raw(
            """
            CREATE UNIQUE INDEX one_off_jobs_live_key_idx ON one_off_jobs (kind, job_key)
            WHERE job_key IS NOT NULL AND status IN ('queued', 'running')
            """
        ).run()
        try await sql.create(index: "one_off_jobs_due_idx").on(OneOffJobRecord.schema).column("status").column("run_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OneOffJobRecord.schema).delete()
    }
}
