import Fluent
import SQLKit

/// The decision, programme, purpose and exit of a placement on its own row, so that a report over a
/// million placements reads one table for what it groups by (regime, purpose, benefit group, unit).
/// M0300's placements that had "ended" are "completed" in the status machine.
struct M0301_ExtendPlacements: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("origin", .string), ("programme", .string), ("application_id", .uuid), ("decided_at", .datetime),
        ("justification", .string), ("benefit_type", .string), ("regime", .string), ("purpose", .string), ("language", .string),
        ("end_reason", .string), ("employment_kind", .string), ("updated_at", .datetime),
    ]

    func prepare(on database: any Database) async throws {
        for (name, type) in Self.columns {
            try await database.schema(Placement.schema).field(.string(name), type).update()
        }
        try await database.schema(Placement.schema).field("decided_by", .uuid, .references(User.schema, "id")).update()
        let sql = try database.sql
        try await sql.update(Placement.schema).set("status", to: SQLBind("completed")).where("status", .equal, SQLBind("ended")).run()
        // Reports count placements by their end; the worklist finds them by status and dates.
        try await sql.create(index: "placements_status_idx").on(Placement.schema).column("status").column("planned_end").run()
        try await sql.create(index: "placements_actual_end_idx").on(Placement.schema).column("actual_end").run()
        try await sql.create(index: "placements_unit_idx").on(Placement.schema).column("unit_id").column("status").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        for index in ["placements_status_idx", "placements_actual_end_idx", "placements_unit_idx"] {
            try await sql.drop(index: index).run()
        }
        for name in Self.columns.map(\.0) + ["decided_by"] {
            try await database.schema(Placement.schema).deleteField(.string(name)).update()
        }
    }
}
