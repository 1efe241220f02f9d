import Foundation
import SQLKit
import SQLiteKit
import SQLiteNIO

/// A result row read column by column, for the queries every signed-in request runs (the session)
/// and the lists people page through all day.
///
/// On SQLite the row is SQLiteNIO's own and each value is converted by its type's
/// `SQLiteDataConvertible` initialiser, which is what SQLiteKit's decoder ends up calling, without
/// the decoder's way there: an existential `SQLRow`, a dynamic cast to find the conversion and a
/// second cast back (under `perf record` on `/places` that way was 15 % of the request handler's
/// samples, for 700 values a page). On PostgreSQL the row is SQLKit's and decodes as before.
struct PlainRow: Sendable {
    /// One of the two is set. Two optionals rather than an enum: reading a value from an enum's
    /// case copied the row out of it first, retaining and releasing its storage for each of a
    /// page's 700 values (2.9 % of `/places`' samples under `perf record`, reading the rows 7.5 %;
    /// with the optionals 6.7 %).
    private let sqlite: SQLiteRow?
    private let sql: (any SQLRow)?

    /// The value of `column`, as the drivers' decoders read it.
    func value<Value: SQLiteDataConvertible & Decodable>(_ column: String, as _: Value.Type = Value.self) throws -> Value {
        if let sql { return try sql.decode(column: column, as: Value.self) }
        guard let data = sqlite?.column(column) else { throw Self.missing(column) }
        guard let value = Value(sqliteData: data) else { throw Self.mismatch(column, Value.self) }
        return value
    }

    /// As `value(_:as:)`, nil for SQL `NULL`.
    func optional<Value: SQLiteDataConvertible & Decodable>(_ column: String, as _: Value.Type = Value.self) throws -> Value? {
        if let sql { return try sql.decode(column: column, as: Value?.self) }
        guard let data = sqlite?.column(column) else { throw Self.missing(column) }
        if case .null = data { return nil }
        guard let value = Value(sqliteData: data) else { throw Self.mismatch(column, Value.self) }
        return value
    }

    /// A UUID column, read as its text and parsed by `UUIDText`: SQLite stores UUIDs as text, and
    /// PostgreSQL's driver gives a `uuid` column as text too.
    func uuid(_ column: String) throws -> UUID {
        guard let id = try optionalUUID(column) else { throw Self.mismatch(column, UUID.self) }
        return id
    }

    /// As `uuid(_:)`, nil for SQL `NULL`.
    func optionalUUID(_ column: String) throws -> UUID? {
        guard let text = try optional(column, as: String.self) else { return nil }
        guard let id = UUIDText.parse(text) else { throw Self.mismatch(column, UUID.self) }
        return id
    }

    private static func missing(_ column: String) -> any Error {
        DecodingError.keyNotFound(SQLColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column) in the row"))
    }

    private static func mismatch(_ column: String, _ type: Any.Type) -> any Error {
        DecodingError.typeMismatch(type, .init(codingPath: [SQLColumnKey(column)], debugDescription: "column \(column) holds no \(type)"))
    }

    private struct SQLColumnKey: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    fileprivate init(sqlite row: SQLiteRow) {
        sqlite = row
        sql = nil
    }

    fileprivate init(sql row: any SQLRow) {
        sqlite = nil
        sql = row
    }
}

extension SQLDatabase {
    /// Runs `query` and returns its rows as `PlainRow`s. On SQLite the statement is serialised and
    /// its binds encoded exactly as SQLiteKit does, then run through SQLiteNIO directly.
    func plainRows(_ query: some SQLExpression) async throws -> [PlainRow] {
        guard let sqlite = self as? any SQLiteDatabase else {
            return try await raw("\(query)").all().map { PlainRow(sql: $0) }
        }
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        let binds = try serializer.binds.map { try encoder.encode($0) }
        return try await sqlite.query(serializer.sql, binds).map { PlainRow(sqlite: $0) }
    }
}
