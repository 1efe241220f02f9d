import Fluent

struct M0011_CreateScheduledJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ScheduledJob.schema)
            .id()
            .field("kind", .string, .required)
            .field("interval_seconds", .int, .required)
            .field("next_run_at", .datetime, .required)
            .field("locked_until", .datetime)
            .field("locked_by", .string)
            .field("last_run_at", .datetime)
            .field("last_error", .string)
            .unique(on: "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ScheduledJob.schema).delete()
    }
}
