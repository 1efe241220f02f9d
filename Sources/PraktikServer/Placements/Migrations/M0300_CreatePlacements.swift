import Fluent
import SQLKit

struct M0300_CreatePlacements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Placement.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("workplace_id", .uuid, .required, .references(Workplace.schema, "id"))
            .field("unit_id", .uuid, .required, .references(OrganisationUnit.schema, "id"))
            .field("status", .string, .required)
            .field("planned_start", .string, .required)
            .field("planned_end", .string, .required)
            .field("actual_start", .string)
            .field("actual_end", .string)
            .field("hired_by_host", .bool)
            .field("created_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "placements_place_idx").on(Placement.schema).column("place_id").column("status").run()
        try await sql.create(index: "placements_workplace_idx").on(Placement.schema).column("workplace_id").run()
        try await sql.create(index: "placements_participant_idx").on(Placement.schema).column("participant_id").run()
        try await sql.create(index: "placements_period_idx").on(Placement.schema).column("planned_start").column("planned_end").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Placement.schema).delete()
    }
}
