import Fluent
import SQLKit

struct M0105_CreateEmployerChecks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmployerCheck.schema)
            .id()
            .field("employer_id", .uuid, .required, .references(Employer.schema, "id"))
            .field("check_type_id", .uuid, .required, .references(EmployerCheckType.schema, "id"))
            .field("result", .string, .required)
            .field("checked_on", .string, .required)
            .field("expires_on", .string)
            .field("union_name", .string)
            .field("note", .string, .required)
            .field("recorded_by", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "employer_checks_employer_idx").on(EmployerCheck.schema)
                .column("employer_id").column("check_type_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmployerCheck.schema).delete()
    }
}
