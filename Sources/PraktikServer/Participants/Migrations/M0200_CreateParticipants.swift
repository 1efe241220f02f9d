import Fluent
import SQLKit

struct M0200_CreateParticipants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Participant.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrganisationUnit.schema, "id"))
            .field("responsible_user_id", .uuid, .references(User.schema, "id"))
            .field("first_name", .string)
            .field("last_name", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("postal_address", .string)
            .field("identifier_kind", .string, .required)
            .field("person_identifier", .string)
            .field("birth_year", .int)
            .field("gender", .string, .required)
            .field("birth_region", .string, .required)
            .field("education_level", .string, .required)
            .field("education_field", .string)
            .field("benefit_type", .string, .required)
            .field("status", .string, .required)
            .field("exit_date", .string)
            .field("exit_reason", .string)
            .field("erased_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "person_identifier")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "participants_unit_status_idx").on(Participant.schema).column("unit_id").column("status").run()
        try await sql.create(index: "participants_last_name_idx").on(Participant.schema).column("last_name").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Participant.schema).delete()
    }
}
