import Fluent
import SQLKit

/// The round of a matching run (1, or 2 for a second round) and, for a second round, the first
/// round's published run it completes: the lists in force are that run's and its second rounds'.
/// One column per statement: SQLite adds a single column per `ALTER TABLE`.
struct M0505_AddMatchingRound: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MatchingRun.schema).field("round", .int, .required, .sql(.default(1))).update()
        try await database.schema(MatchingRun.schema).field("based_on_run_id", .uuid, .references(MatchingRun.schema, "id")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MatchingRun.schema).deleteField("based_on_run_id").update()
        try await database.schema(MatchingRun.schema).deleteField("round").update()
    }
}
