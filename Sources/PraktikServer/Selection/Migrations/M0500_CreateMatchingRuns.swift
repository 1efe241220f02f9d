import Fluent
import SQLKit

/// A matching run of an intake: who asked, when, how, with which rules and weights, what went in,
/// what came out and how long each phase took. Runs are never overwritten: a new run is a new row.
struct M0500_CreateMatchingRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MatchingRun.schema)
            .id()
            .field("intake_id", .uuid, .required, .references(Intake.schema, "id"))
            .field("status", .string, .required)
            .field("phase", .string, .required)
            .field("mode", .string, .required)
            .field("candidates_per_seat", .int, .required)
            .field("lists_per_applicant", .int, .required)
            .field("requested_by", .uuid, .references(User.schema, "id"))
            .field("requested_via", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            // The versions that make a run reproducible: the mapping of records to profiles, the
            // intake's eligibility rules, and the fit weights (as JSON, with their version).
            .field("mapping_version", .string, .required)
            .field("rule_set_id", .uuid, .required)
            .field("weights_version", .string, .required)
            .field("weights", .string, .required)
            .field("job_id", .uuid)
            .field("candidate_count", .int)
            .field("place_count", .int)
            .field("seat_count", .int)
            .field("pair_count", .int)
            .field("proposal_count", .int)
            .field("total_score", .int)
            .field("fill_bound", .int)
            .field("places_reachable", .int)
            .field("load_ms", .int)
            .field("score_ms", .int)
            .field("solve_ms", .int)
            .field("store_ms", .int)
            .field("outcome_key", .string)
            .field("error", .string)
            .field("published_at", .datetime)
            .field("published_by", .uuid, .references(User.schema, "id"))
            .create()
        let sql = try database.sql
        try await sql.create(index: "matching_runs_intake_idx").on(MatchingRun.schema).column("intake_id").column("requested_at").run()
        // One unfinished run per intake: of two clicks on "run", the second finds the first.
        try await sql.raw(
            """
            CREATE UNIQUE INDEX matching_runs_one_unfinished_idx ON matching_runs (intake_id)
            WHERE status IN ('queued', 'running')
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MatchingRun.schema).delete()
    }
}
