import Fluent

/// The purpose agreement (forventningsafstemning): goals, tasks, the supervisor, and each party's
/// confirmation. One per placement; a change after confirmation is a new version, confirmed anew.
struct M0304_CreatePlacementAgreements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlacementAgreement.schema)
            .id()
            .field("placement_id", .uuid, .required, .references(Placement.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("purpose", .string, .required)
            .field("goals", .string, .required)
            .field("tasks", .string, .required)
            .field("supervisor_name", .string, .required)
            .field("supervisor_email", .string)
            .field("supervisor_phone", .string)
            .field("supervisor_user_id", .uuid, .references(User.schema, "id"))
            .field("supervisor_language", .string, .required)
            .field("version", .int, .required)
            .field("participant_confirmed_at", .datetime)
            .field("supervisor_confirmed_at", .datetime)
            .field("updated_by", .uuid, .references(User.schema, "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "placement_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlacementAgreement.schema).delete()
    }
}
