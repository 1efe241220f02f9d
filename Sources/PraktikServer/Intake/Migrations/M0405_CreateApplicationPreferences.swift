import Fluent
import SQLKit

/// The fields of work and the districts an applicant would like a placement in, one row each.
struct M0405_CreateApplicationPreferences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationPreferredField.schema)
            .id()
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("field", .string, .required)
            .create()
        try await database.schema(ApplicationPreferredDistrict.schema)
            .id()
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("district", .string, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "application_preferred_fields_idx").on(ApplicationPreferredField.schema)
            .column("application_id").column("field").run()
        try await sql.create(index: "application_preferred_districts_idx").on(ApplicationPreferredDistrict.schema)
            .column("application_id").column("district").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApplicationPreferredDistrict.schema).delete()
        try await database.schema(ApplicationPreferredField.schema).delete()
    }
}
