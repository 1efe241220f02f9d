import Fluent

/// The hours plan: hours a week from a date, in steps that may rise during the placement.
struct M0305_CreatePlacementHours: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlacementHoursStep.schema)
            .id()
            .field("placement_id", .uuid, .required, .references(Placement.schema, "id"))
            .field("from_date", .string, .required)
            .field("hours_per_week", .int, .required)
            .field("created_by", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "placement_id", "from_date")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlacementHoursStep.schema).delete()
    }
}
