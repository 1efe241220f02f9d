import SQLKit

/// Multi-row INSERTs with as many rows per statement as the bind limits allow: the one way the
/// imports, the demo and the archival places write many rows without a statement per row.
enum BulkInsert {
    /// Bound values per statement: SQLite allows 32,766, PostgreSQL 65,535.
    static let bindsPerStatement = 30_000

    typealias Row = [any Encodable & Sendable]

    /// Gives SQLite room for a write of hundreds of megabytes in one transaction, on the connection
    /// that runs it. With SQLite's default page cache (2 MB) the dirty pages of a large transaction
    /// spill to the file mid-write and are read back for each index insert, and every multi-row
    /// INSERT journals its pages to a temporary file: profiled, these were half of the history
    /// import's time. Both settings last for the connection only; PostgreSQL needs neither.
    static func prepareForBulkWrite(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(bulkWriteCacheKibibytes))").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
    }

    /// The page cache a bulk write asks for, in KiB (256 MiB).
    static let bulkWriteCacheKibibytes = 262_144

    /// `written` hears how many rows each statement wrote (an import's progress).
    static func insert(
        into table: String, columns: [String], rows: [Row], on sql: any SQLDatabase, written: ((Int) async throws -> Void)? = nil
    ) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, bindsPerStatement / max(1, columns.count))
        for chunk in rows.chunked(into: perStatement) {
            let builder = sql.insert(into: table).columns(columns)
            for row in chunk { builder.values(row.map { SQLBind($0) }) }
            try await builder.run()
            try await written?(chunk.count)
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
