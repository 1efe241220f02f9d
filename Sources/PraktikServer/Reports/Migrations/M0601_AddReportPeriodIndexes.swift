import Fluent
import SQLKit

/// The reports count a placement by its last day (`COALESCE(actual_end, planned_end)`), starts by
/// its first; these expression indexes answer a period without reading every placement, and on
/// PostgreSQL they also give the planner statistics for the expressions. Without them it guessed
/// 0.5 % of the rows for any period and joined 1,000,000 placements by nested loops (issue 14's
/// benchmark: outcome-3m at 200,000 placements 790 ms, with them 280 ms by hash joins).
struct M0601_AddReportPeriodIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.raw("CREATE INDEX placements_last_day_idx ON placements ((COALESCE(actual_end, planned_end)))").run()
        try await sql.raw("CREATE INDEX placements_first_day_idx ON placements ((COALESCE(actual_start, planned_start)))").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.raw("DROP INDEX placements_first_day_idx").run()
        try await sql.raw("DROP INDEX placements_last_day_idx").run()
    }
}
