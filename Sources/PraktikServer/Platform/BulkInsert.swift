import Foundation
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteNIO

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
    /// import's time. Both settings last for the connection only.
    ///
    /// PostgreSQL gets room to hash in memory for the rest of the transaction (`SET LOCAL`): with
    /// the default 4 MB of `work_mem`, rebuilding the report rows of 1,000,000 placements hashed its
    /// joins in batches on disk (that step 9.0 s before, 8.0 s after on a machine about 1.4 times
    /// slower). A larger `maintenance_work_mem` for the index builds showed no gain and is left.
    static func prepareForBulkWrite(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else {
            try await sql.raw("SET LOCAL work_mem = '\(unsafeRaw: String(bulkWriteWorkMebibytes))MB'").run()
            return
        }
        try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(bulkWriteCacheKibibytes))").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
    }

    /// PostgreSQL's memory per sort or hash of a bulk write, in MiB.
    static let bulkWriteWorkMebibytes = 256

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
        try await build(indexes, on: sql)
        StepTimes.mark("indexes of \(tables.joined(separator: ", ")) built")
        return result
    }

    /// Builds `indexes` from their definitions. SQLite builds an index by sorting its entries: with
    /// a bulk write's page cache (256 MiB) and temporary storage in memory it sorts them in one piece
    /// on one thread; with a small cache and temporary files it sorts pieces of the cache's size on
    /// helper threads and merges them. In the sqlite3 shell the 21 indexes of a 1,000,000-placement
    /// history took 21–25 s the first way and 11 s the second (2 cores); each piece is also small
    /// enough to sort within the processor's caches (14 s without helper threads). The connection's
    /// own settings come back after, for whatever the transaction writes next.
    static func build(_ indexes: [IndexDefinition], on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite", !indexes.isEmpty else {
            for index in indexes { try await sql.raw("\(unsafeRaw: index.definition)").run() }
            return
        }
        let settings = ["cache_size", "temp_store", "threads"]
        var before: [String: Int] = [:]
        for name in settings {
            before[name] = try await sql.raw("PRAGMA \(unsafeRaw: name)").first()?.decode(column: name, as: Int.self)
        }
        try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(indexSortCacheKibibytes))").run()
        try await sql.raw("PRAGMA temp_store = FILE").run()
        try await sql.raw("PRAGMA threads = \(unsafeRaw: String(indexSortHelperThreads))").run()
        func restore() async throws {
            for (name, value) in before { try await sql.raw("PRAGMA \(unsafeRaw: name) = \(unsafeRaw: String(value))").run() }
        }
        do {
            for index in indexes { try await sql.raw("\(unsafeRaw: index.definition)").run() }
        } catch {
            // The build's error is the one to report; the transaction rolls back either way.
            try? await restore()
            throw error
        }
        try await restore()
    }

    /// The page cache while SQLite builds indexes, in KiB: the size of each piece it sorts (2, 4
    /// and 8 MiB measured within a tenth of each other; 256 MiB took twice as long).
    static let indexSortCacheKibibytes = 4_096

    /// Helper threads SQLite may start to sort and merge an index's pieces: one per core (SQLite
    /// allows up to 8).
    static var indexSortHelperThreads: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Runs `body`, a bulk write as `withoutSecondaryIndexes` describes, with PostgreSQL's foreign
    /// keys of `tables` dropped and added again after it. PostgreSQL checks a foreign key by a
    /// query per written row (3 µs each, measured: 85 % of the time of a 300,000-row INSERT with
    /// two keys), and checks one added to a full table by a single join over it; adding the key
    /// back refuses the whole write if a row refers to nothing. SQLite checks its keys by a direct
    /// lookup, and cannot drop one, so there `body` runs as it is.
    ///
    /// Dropping a key locks the table it refers to against readers until the commit, so only keys
    /// over required columns are dropped (each row's person, place, workplace, unit, placement),
    /// and keys that refer to one of `tables`, which the dropped indexes lock anyway (a payment's
    /// placement: 760,428 lookups in a 1,000,000-placement import). Keys over other nullable
    /// columns stay (who decided, who recorded): the history import leaves them null, where the
    /// check ends at once, and `users` stays readable, so people can still sign in while a large
    /// import runs.
    static func withForeignKeysCheckedAfter<Result>(
        of tables: [String], adding rows: Int, threshold: Int = rebuildThreshold, on sql: any SQLDatabase,
        _ body: () async throws -> Result
    ) async throws -> Result {
        guard sql.dialect.name == "postgresql", rows >= threshold else { return try await body() }
        let keys = try await sql.raw(
            """
            SELECT k.conname AS name, t.relname AS "table", pg_get_constraintdef(k.oid) AS definition
            FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
            WHERE k.contype = 'f' AND t.relname IN (\(binds: tables)) AND t.relnamespace = current_schema()::regnamespace
              AND (
                NOT EXISTS (
                  SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) AND NOT a.attnotnull)
                OR k.confrelid IN (
                  SELECT c.oid FROM pg_class c WHERE c.relname IN (\(binds: tables)) AND c.relnamespace = current_schema()::regnamespace))
            ORDER BY t.relname, k.conname
            """
        ).all(decoding: ForeignKey.self)
        for key in keys { try await sql.raw("ALTER TABLE \(ident: key.table) DROP CONSTRAINT \(ident: key.name)").run() }
        let result = try await body()
        for key in keys {
            try await sql.raw("ALTER TABLE \(ident: key.table) ADD CONSTRAINT \(ident: key.name) \(unsafeRaw: key.definition)").run()
        }
        StepTimes.mark("foreign keys checked")
        return result
    }

    private struct ForeignKey: Decodable {
        let name: String
        let table: String
        let definition: String
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

    /// Rows to write: held in memory, or made a batch at a time from the positions of a source, so
    /// that a write of millions of rows never holds them all. A history import's 3.5 million rows of
    /// boxed values were about 2 GB, and making them took 4–7 s while SQLite waited; made a
    /// statement's worth at a time, they are made while the statement before runs.
    struct Rows: Sendable {
        /// How many positions the source has.
        let count: Int
        /// The rows of `positions`, in order: any number per position.
        let batch: @Sendable (Range<Int>) -> [Row]

        /// Rows already made.
        static func held(_ rows: [Row]) -> Rows { Rows(count: rows.count) { Array(rows[$0]) } }

        /// The rows in order, `size` at a time (the last piece may be shorter).
        func pieces(of size: Int) -> Pieces { Pieces(rows: self, size: max(1, size)) }

        struct Pieces: IteratorProtocol {
            let rows: Rows
            let size: Int
            private var position = 0
            private var pending: [Row] = []

            init(rows: Rows, size: Int) {
                self.rows = rows
                self.size = size
            }

            mutating func next() -> [Row]? {
                while pending.count < size && position < rows.count {
                    let end = min(rows.count, position + size)
                    pending += rows.batch(position..<end)
                    position = end
                }
                guard !pending.isEmpty else { return nil }
                guard pending.count > size else {
                    defer { pending = [] }
                    return pending
                }
                let piece = Array(pending[..<size])
                pending.removeFirst(size)
                return piece
            }
        }
    }

    /// `written` hears how many rows each statement wrote (an import's progress).
    static func insert(
        into table: String, columns: [String], rows: [Row], on sql: any SQLDatabase, written: ((Int) async throws -> Void)? = nil
    ) async throws {
        guard !rows.isEmpty else { return }
        try await insert(into: table, columns: columns, rows: .held(rows), on: sql, written: written)
    }

    /// Writes `rows` and returns how many there were; `written` hears how many rows each statement
    /// wrote (an import's progress).
    ///
    /// Each engine gets its fastest way in: SQLite multi-row INSERTs with the values bound as
    /// SQLite's own data, each statement prepared while the one before runs; PostgreSQL one `COPY`
    /// per table. Through SQLKit, every value of a 1,000,000-placement history import went through
    /// `Encodable` and a conformance search, and PostgreSQL planned a 30,000-parameter statement per
    /// 1,764 placements: together most of the import. A database seen through a wrapper (the reports
    /// benchmark's recorder), or a value `BulkValue` does not know, takes the SQLKit way.
    @discardableResult
    static func insert(
        into table: String, columns: [String], rows: Rows, on sql: any SQLDatabase, written: ((Int) async throws -> Void)? = nil
    ) async throws -> Int {
        if let sqlite = sql as? any SQLiteDatabase {
            return try await insertBinding(into: table, columns: columns, rows: rows, on: sqlite, fallback: sql, written: written)
        } else if let postgres = sql as? any PostgresDatabase, columns.allSatisfy(isPlainName), isPlainName(table) {
            return try await copy(into: table, columns: columns, rows: rows, on: postgres, fallback: sql, written: written)
        }
        return try await insertThroughSQLKit(into: table, columns: columns, rows: rows, on: sql, written: written)
    }

    private static func rowsPerStatement(_ columns: [String]) -> Int { max(1, bindsPerStatement / max(1, columns.count)) }

    private static func insertThroughSQLKit(
        into table: String, columns: [String], rows: Rows, on sql: any SQLDatabase, written: ((Int) async throws -> Void)?
    ) async throws -> Int {
        var pieces = rows.pieces(of: rowsPerStatement(columns))
        var total = 0
        while let piece = pieces.next() {
            try await insertThroughSQLKit(into: table, columns: columns, rows: piece[...], on: sql)
            try await written?(piece.count)
            total += piece.count
        }
        return total
    }

    private static func insertThroughSQLKit(into table: String, columns: [String], rows: ArraySlice<Row>, on sql: any SQLDatabase)
        async throws
    {
        let builder = sql.insert(into: table).columns(columns)
        for row in rows { builder.values(row.map { SQLBind($0) }) }
        try await builder.run()
    }

    /// SQLite: one statement at a time on the connection, the next one's rows made and converted
    /// while it runs.
    private static func insertBinding(
        into table: String, columns: [String], rows: Rows, on sqlite: any SQLiteDatabase, fallback sql: any SQLDatabase,
        written: ((Int) async throws -> Void)?
    ) async throws -> Int {
        let perStatement = rowsPerStatement(columns)
        let head = "INSERT INTO " + quoted(table) + " (" + columns.map(quoted).joined(separator: ", ") + ") VALUES "
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let fullStatement = head + Array(repeating: tuple, count: perStatement).joined(separator: ", ")
        var total = 0
        try await withThrowingTaskGroup(of: Int.self) { running in
            var pieces = rows.pieces(of: perStatement)
            while let piece = pieces.next() {
                total += piece.count
                let binds = sqliteData(piece[...])
                if let done = try await running.next() { try await written?(done) }
                guard let binds else {
                    try await insertThroughSQLKit(into: table, columns: columns, rows: piece[...], on: sql)
                    try await written?(piece.count)
                    continue
                }
                let statement =
                    piece.count == perStatement ? fullStatement : head + Array(repeating: tuple, count: piece.count).joined(separator: ", ")
                running.addTask {
                    _ = try await sqlite.query(statement, binds)
                    return piece.count
                }
            }
            while let done = try await running.next() { try await written?(done) }
        }
        return total
    }

    private static func sqliteData(_ rows: ArraySlice<Row>) -> [SQLiteData]? {
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * (rows.first?.count ?? 0))
        for row in rows {
            for value in row {
                guard let value = BulkValue(value) else { return nil }
                binds.append(value.sqliteData)
            }
        }
        return binds
    }

    /// PostgreSQL: the rows as `COPY … FROM STDIN` text, made and sent in pieces of about a mebibyte.
    /// The first row decides the way: rows whose values `BulkValue` knows are copied, and a later
    /// row with an unknown value fails the write (and with it the caller's transaction) rather
    /// than be stored some other way.
    private static func copy(
        into table: String, columns: [String], rows: Rows, on postgres: any PostgresDatabase, fallback sql: any SQLDatabase,
        written: ((Int) async throws -> Void)?
    ) async throws -> Int {
        var probe = rows.pieces(of: 1)
        guard let first = probe.next()?.first else { return 0 }
        guard first.allSatisfy({ BulkValue($0) != nil }) else {
            return try await insertThroughSQLKit(into: table, columns: columns, rows: rows, on: sql, written: written)
        }
        let logger = postgres.logger
        let total = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var total = 0
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var piece = ""
                    piece.reserveCapacity(copyPieceBytes + 4_096)
                    var batches = rows.pieces(of: copyBatchRows)
                    while let batch = batches.next() {
                        total += batch.count
                        for row in batch {
                            for (index, value) in row.enumerated() {
                                guard let value = BulkValue(value) else { throw UnknownValue(table: table, column: columns[index]) }
                                if index > 0 { piece += "\t" }
                                value.appendCopyText(to: &piece)
                            }
                            piece += "\n"
                            if piece.utf8.count >= copyPieceBytes {
                                try await writer.write(ByteBuffer(string: piece))
                                piece.removeAll(keepingCapacity: true)
                            }
                        }
                    }
                    if !piece.isEmpty { try await writer.write(ByteBuffer(string: piece)) }
                }
                return total
            }
        }.get()
        try await written?(total)
        return total
    }

    /// Rows made at a time for `COPY`.
    private static let copyBatchRows = 2_000

    /// A bulk write met a value of a type it cannot copy: a programming error, reported with its place.
    struct UnknownValue: Error, CustomStringConvertible {
        let table: String
        let column: String
        var description: String { "BulkInsert: a value of \(table).\(column) has a type COPY cannot write" }
    }

    private static let copyPieceBytes = 1 << 20

    /// Names `COPY` may take as they are (PostgresNIO quotes them but does not escape them).
    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }

    private static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
