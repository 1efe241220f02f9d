import Fluent
import SQLKit

struct M0102_CreatePlaces: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Place.schema)
            .id()
            .field("workplace_id", .uuid, .required, .references(Workplace.schema, "id"))
            .field("employer_id", .uuid, .required, .references(Employer.schema, "id"))
            .field("unit_id", .uuid, .required, .references(OrganisationUnit.schema, "id"))
            .field("title", .string, .required)
            .field("occupation_field", .string, .required)
            .field("tasks", .string, .required)
            .field("capacity", .int, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("hours_per_week", .int, .required)
            .field("language_requirement", .string, .required)
            .field("remote_possible", .bool, .required)
            .field("regime", .string, .required)
            .field("status", .string, .required)
            .field("natural_key", .string, .required)
            .field("search_text", .string, .required)
            .field("proposed_by", .uuid, .references(User.schema, "id"))
            .field("approved_by", .uuid, .references(User.schema, "id"))
            .field("approved_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "workplace_id", "natural_key")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "places_employer_idx").on(Place.schema).column("employer_id").run()
            try await sql.create(index: "places_status_idx").on(Place.schema).column("status").run()
            try await sql.create(index: "places_unit_idx").on(Place.schema).column("unit_id").run()
            try await sql.create(index: "places_period_idx").on(Place.schema).column("period_start").column("period_end").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Place.schema).delete()
    }
}
