import Fluent
import SQLKit

/// Every decision and change of a placement, with who, when and why: the placement's history.
struct M0302_CreatePlacementEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlacementEvent.schema)
            .id()
            .field("placement_id", .uuid, .required, .references(Placement.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("kind", .string, .required)
            .field("from_status", .string)
            .field("to_status", .string)
            .field("on_date", .string)
            .field("reason", .string)
            .field("note", .string)
            .field("previous_end", .string)
            .field("actor_user_id", .uuid, .references(User.schema, "id"))
            .field("actor_role", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "placement_events_placement_idx").on(PlacementEvent.schema).column("placement_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlacementEvent.schema).delete()
    }
}
