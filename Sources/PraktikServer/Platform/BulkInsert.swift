import SQLKit

/// Multi-row INSERTs with as many rows per statement as the bind limits allow: the one way the
/// imports, the demo and the archival places write many rows without a statement per row.
enum BulkInsert {
    /// Bound values per statement: SQLite allows 32,766, PostgreSQL 65,535.
    static let bindsPerStatement = 30_000

    typealias Row = [any Encodable & Sendable]

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
