import Fluent
import SQLKit

/// Outcomes per placement: at exit, and the checkpoints 3, 6 and 12 months after the end. One row per
/// placement and horizon: a checkpoint is scheduled (with its due date), answered or cancelled; the
/// outcome at exit is answered when the placement ends. Reports read `status` by `horizon`.
struct M0309_CreatePlacementOutcomes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlacementOutcome.schema)
            .id()
            .field("placement_id", .uuid, .required, .references(Placement.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("horizon", .string, .required)
            .field("due_on", .string, .required)
            .field("state", .string, .required)
            .field("status", .string)
            .field("employer_is_host", .bool)
            .field("employment_kind", .string)
            .field("source", .string)
            .field("source_name", .string)
            .field("recorded_at", .datetime)
            .field("recorded_by", .uuid, .references(User.schema, "id"))
            .field("cancelled_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "placement_id", "horizon")
            .create()
        let sql = try database.sql
        try await sql.create(index: "placement_outcomes_due_idx").on(PlacementOutcome.schema).column("state").column("due_on").run()
        try await sql.create(index: "placement_outcomes_horizon_idx").on(PlacementOutcome.schema).column("horizon").column("status").run()
        try await sql.create(index: "placement_outcomes_participant_idx").on(PlacementOutcome.schema).column("participant_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlacementOutcome.schema).delete()
    }
}
