import Fluent
import SQLKit

struct M0106_CreateEmployerRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmployerRequest.schema)
            .id()
            .field("employer_id", .uuid, .required, .references(Employer.schema, "id"))
            .field("workplace_id", .uuid, .references(Workplace.schema, "id"))
            .field("kind", .string, .required)
            .field("sent_at", .datetime, .required)
            .field("answered_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "employer_requests_employer_idx").on(EmployerRequest.schema).column("employer_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmployerRequest.schema).delete()
    }
}
