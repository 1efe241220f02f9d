import Fluent
import SQLKit

struct M0006_CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_user_id", .uuid)
            .field("actor_role", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .string)
            .field("detail", .string)
            .field("client_address", .string)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "audit_events_record_idx").on(AuditEvent.schema)
            .column("record_type").column("record_id").run()
        try await sql.create(index: "audit_events_time_idx").on(AuditEvent.schema).column("occurred_at").run()
        try await AppendOnlyGuard.install(on: sql, table: AuditEvent.schema)
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await AppendOnlyGuard.remove(on: sql, table: AuditEvent.schema)
        }
        try await database.schema(AuditEvent.schema).delete()
    }
}

/// Database triggers that refuse UPDATE and DELETE on a table, written once per dialect.
enum AppendOnlyGuard {
    static func install(on sql: any SQLDatabase, table: String) async throws {
        switch sql.dialect.name {
        case "postgresql":
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION praktik_refuse_change() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'append-only table: % refused', TG_OP; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw(SQLQueryString("CREATE TRIGGER \(unsafeRaw: table)_append_only BEFORE UPDATE OR DELETE ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION praktik_refuse_change()")).run()
        case "sqlite":
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw(SQLQueryString("CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON \(unsafeRaw: table) BEGIN SELECT RAISE(ABORT, 'append-only table'); END")).run()
            }
        default:
            break
        }
    }

    static func remove(on sql: any SQLDatabase, table: String) async throws {
        switch sql.dialect.name {
        case "postgresql":
            try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_append_only ON \(unsafeRaw: table)")).run()
        case "sqlite":
            for operation in ["update", "delete"] {
                try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_\(unsafeRaw: operation)")).run()
            }
        default:
            break
        }
    }
}
