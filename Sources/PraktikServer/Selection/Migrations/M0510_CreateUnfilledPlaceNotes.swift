import Fluent

/// A case worker's own reason why a place of an intake stayed empty, with a note, where the reason
/// computed from the records is wrong (`UnfilledPlaces`). One per intake and place.
struct M0510_CreateUnfilledPlaceNotes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnfilledPlaceNote.schema)
            .id()
            .field("intake_id", .uuid, .required, .references(Intake.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("reason", .string, .required)
            .field("note", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "intake_id", "place_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnfilledPlaceNote.schema).delete()
    }
}
