import Fluent
import SQLKit

/// A number that changes whenever the place list's filter choices may have (a unit added, renamed
/// or removed; a workplace's district added, changed or removed), kept by triggers so that every
/// writer counts, imports and hand-written SQL included. The list reads it with its page and
/// queries the choices again only when it moved (`PlaceFilterChoicesCache`).
///
/// SQLite only: there each choices query costs a crossing to the database's thread and back, a
/// sixth of the page's CPU under load, and writers take turns anyway. On PostgreSQL the counter row
/// would make every transaction that writes a workplace wait for any other until it commits, so
/// the list queries its choices each time there.
struct M0121_AddPlaceFilterVersion: AsyncMigration {
    static let bump = "UPDATE list_versions SET version = version + 1 WHERE name = 'place_filters';"
    static let triggers: [(name: String, event: String)] = [
        ("place_filters_unit_insert", "AFTER INSERT ON units"),
        ("place_filters_unit_update", "AFTER UPDATE OF name ON units WHEN OLD.name IS NOT NEW.name"),
        ("place_filters_unit_delete", "AFTER DELETE ON units"),
        ("place_filters_workplace_insert", "AFTER INSERT ON workplaces WHEN NEW.district <> ''"),
        ("place_filters_workplace_update", "AFTER UPDATE OF district ON workplaces WHEN OLD.district IS NOT NEW.district"),
        ("place_filters_workplace_delete", "AFTER DELETE ON workplaces WHEN OLD.district <> ''"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("CREATE TABLE list_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL)").run()
        try await sql.raw("INSERT INTO list_versions (name, version) VALUES ('place_filters', 0)").run()
        for trigger in Self.triggers {
            try await sql.raw("CREATE TRIGGER \(unsafeRaw: trigger.name) \(unsafeRaw: trigger.event) BEGIN \(unsafeRaw: Self.bump) END")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        for trigger in Self.triggers {
            try await sql.raw("DROP TRIGGER \(unsafeRaw: trigger.name)").run()
        }
        try await sql.raw("DROP TABLE list_versions").run()
    }
}
