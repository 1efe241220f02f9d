import Foundation
import SQLKit
import Testing

@testable import PraktikServer

/// `PlainRow` reads SQLite rows without SQLKit's decoder; it must read what that decoder reads,
/// and refuse what it refuses, on either database.
@Suite("Plain rows")
struct PlainRowTests {
    @Test("reads text, numbers, dates, flags and ids as SQLKit does; null as nil")
    func sameAsSQLKit() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            let id = UUID()
            let when = Date(timeIntervalSince1970: 1_764_000_000.25)
            let query: SQLQueryString = """
                SELECT \(bind: id) AS id, \(bind: "Åsa & <Öberg>") AS name, \(bind: 42) AS number, \(bind: when) AS at_time,
                \(bind: true) AS flag, NULL AS missing, \(bind: "nonsense") AS not_an_id
                """
            let plain = try #require(try await sql.plainRows(query).first)
            let reference = try #require(try await sql.raw(query).first())

            #expect(try plain.uuid("id") == id)
            #expect(try plain.value("name", as: String.self) == reference.decode(column: "name", as: String.self))
            #expect(try plain.value("number", as: Int.self) == 42)
            #expect(try plain.value("at_time", as: Date.self) == reference.decode(column: "at_time", as: Date.self))
            #expect(try plain.value("flag", as: Bool.self) == true)
            #expect(try plain.optional("missing", as: String.self) == nil)
            #expect(try plain.optionalUUID("missing") == nil)
            #expect(try plain.optional("name", as: String.self) == "Åsa & <Öberg>")
        }
    }

    @Test("a missing column, a null where a value is required and text that is no id are errors")
    func refusals() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            let row = try #require(try await sql.plainRows("SELECT NULL AS missing, \(bind: "nonsense") AS text" as SQLQueryString).first)
            #expect(throws: (any Error).self) { try row.value("absent", as: String.self) }
            #expect(throws: (any Error).self) { try row.value("missing", as: String.self) }
            #expect(throws: (any Error).self) { try row.uuid("missing") }
            #expect(throws: (any Error).self) { try row.uuid("text") }
            #expect(throws: (any Error).self) { try row.value("text", as: Int.self) }
        }
    }

    @Test("binds reach the statement as SQLKit sends them: a row is found by its id and its text")
    func binds() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            let id = UUID()
            try await sql.raw("CREATE TABLE plain_row_probe (id UUID NOT NULL, name TEXT NOT NULL)").run()
            try await sql.raw("INSERT INTO plain_row_probe (id, name) VALUES (\(bind: id), \(bind: "Ödön"))").run()
            let found = try await sql.plainRows(
                "SELECT id, name FROM plain_row_probe WHERE id = \(bind: id) AND name = \(bind: "Ödön")" as SQLQueryString)
            #expect(found.count == 1)
            #expect(try found.first?.uuid("id") == id)
            let builder = sql.select().column("name").from("plain_row_probe").where("id", .equal, id)
            #expect(try await sql.plainRows(builder.select).map { try $0.value("name", as: String.self) } == ["Ödön"])
        }
    }
}
