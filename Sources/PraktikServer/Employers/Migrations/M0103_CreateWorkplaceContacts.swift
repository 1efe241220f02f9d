import Fluent
import SQLKit

struct M0103_CreateWorkplaceContacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WorkplaceContact.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("workplace_id", .uuid, .required, .references(Workplace.schema, "id"))
            .field("phone", .string, .required)
            .field("job_title", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "workplace_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "workplace_contacts_workplace_idx").on(WorkplaceContact.schema).column("workplace_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WorkplaceContact.schema).delete()
    }
}
