import Fluent
import SQLKit

struct M0004_CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema)
            .id()
            .field("account_key", .string, .required)
            .field("client_address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "login_attempts_account_idx").on(LoginAttempt.schema)
                .column("account_key").column("attempted_at").run()
            try await sql.create(index: "login_attempts_address_idx").on(LoginAttempt.schema)
                .column("client_address").column("attempted_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema).delete()
    }
}
