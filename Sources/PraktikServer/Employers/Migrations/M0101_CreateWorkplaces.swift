import Fluent
import SQLKit

struct M0101_CreateWorkplaces: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Workplace.schema)
            .id()
            .field("employer_id", .uuid, .required, .references(Employer.schema, "id"))
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("postal_code", .string, .required)
            .field("city", .string, .required)
            .field("district", .string, .required)
            .field("p_number", .string)
            .field("natural_key", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "employer_id", "natural_key")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "workplaces_district_idx").on(Workplace.schema).column("district").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Workplace.schema).delete()
    }
}
