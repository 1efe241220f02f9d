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

    /// Runs `body`, a bulk write of `adding` rows to `tables`, with the tables' secondary indexes
    /// dropped and then built again from their own definitions, when the write is large against what
    /// the tables hold: building an index sorts its entries once, while keeping it during the write
    /// inserts each entry at a random place in a tree larger than the page cache (the history
    /// import's 1,000,000 placements: about half of its writing time). Must run inside a
    /// transaction, so that a failure restores the indexes with everything else. Indexes that back
    /// a constraint (primary keys, unique columns) stay. On PostgreSQL dropping an index locks its
    /// table against readers until the transaction ends, which a large import accepts.
    static func withoutSecondaryIndexes<Result>(
        of tables: [String], adding rows: Int, threshold: Int = rebuildThreshold, on sql: any SQLDatabase,
        _ body: () async throws -> Result
    ) async throws -> Result {
        guard rows >= threshold, let first = tables.first else { return try await body() }
        let existing = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: first)").first(decoding: RowCount.self)?.n ?? 0
        guard rows * 4 >= existing else { return try await body() }
        let indexes = try await secondaryIndexes(of: tables, on: sql)
        for index in indexes { try await sql.raw("DROP INDEX \(ident: index.name)").run() }
        let result = try await body()
        for index in indexes { try await sql.raw("\(unsafeRaw: index.definition)").run() }
        return result
    }

    /// Below this many rows keeping the indexes costs less than building them again.
    static let rebuildThreshold = 50_000

    private struct RowCount: Decodable { let n: Int }

    struct IndexDefinition: Decodable, Sendable {
        let name: String
        let definition: String
    }

    /// The indexes of `tables` that no constraint needs, with the statements that create them.
    static func secondaryIndexes(of tables: [String], on sql: any SQLDatabase) async throws -> [IndexDefinition] {
        if sql.dialect.name == "sqlite" {
            return try await sql.raw(
                """
                SELECT name, sql AS definition FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(binds: tables)) ORDER BY name
                """
            ).all(decoding: IndexDefinition.self)
        }
        return try await sql.raw(
            """
            SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
            WHERE tc.relname IN (\(binds: tables)) AND tc.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY ic.relname
            """
        ).all(decoding: IndexDefinition.self)
    }

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
