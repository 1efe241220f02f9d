import Fluent
import SQLKit

struct M0100_CreateEmployers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Employer.schema)
            .id()
            .field("name", .string, .required)
            .field("identifier", .string, .required)
            .field("country", .string, .required)
            .field("sector", .string, .required)
            .field("industry", .string, .required)
            .field("employees", .int)
            .field("is_active", .bool, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "identifier")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "employers_name_idx").on(Employer.schema).column("name").run()
            try await sql.create(index: "employers_sector_idx").on(Employer.schema).column("sector").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Employer.schema).delete()
    }
}
