import Fluent
import SQLKit

struct M0402_CreateIntakes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Intake.schema)
            .id()
            .field("programme_id", .uuid, .required, .references(Programme.schema, "id"))
            .field("rule_set_id", .uuid, .required, .references(StoredRuleSet.schema, "id"))
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("placement_start", .string, .required)
            .field("placement_end", .string, .required)
            .field("target_places", .int, .required)
            .field("target_applicants", .int)
            .field("is_pilot", .bool, .required)
            .field("previous_intake_id", .uuid)
            .field("waiting_list_carried_at", .datetime)
            .field("ended_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = try database.sql
        try await sql.create(index: "intakes_programme_idx").on(Intake.schema).column("programme_id").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Intake.schema).delete()
    }
}
