import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// `BulkInsert` writes past SQLKit (SQLite's own bound values, PostgreSQL's `COPY`) for speed; what
/// it stores must be what an SQLKit INSERT of the same values stores, byte for byte.
@Suite("Bulk insert")
struct BulkInsertTests {
    /// Something `BulkValue` does not know, written through its `Encodable` conformance.
    struct Code: Encodable, Sendable {
        let value: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }

    static let columns = ["id", "name", "amount", "ratio", "flag", "at", "note"]

    static func createTable(_ name: String, on sql: any SQLDatabase) async throws {
        let postgres = sql.dialect.name == "postgresql"
        try await sql.raw(
            """
            CREATE TABLE \(ident: name) (id \(unsafeRaw: postgres ? "UUID" : "TEXT") PRIMARY KEY, name TEXT NOT NULL, amount BIGINT,
              ratio DOUBLE PRECISION, flag BOOLEAN, at \(unsafeRaw: postgres ? "TIMESTAMPTZ" : "REAL"), note TEXT)
            """
        ).run()
    }

    /// Rows with every kind of value, and text with each character `COPY` gives a meaning.
    static func rows(_ count: Int, unknownInColumn: Bool = false) -> [BulkInsert.Row] {
        let awkward = ["tab\there", "line\nfeed", "carriage\rreturn", "back\\slash", "\\N", "quote \" and ' ", "", "Åsa Ødegård – ✓", "  "]
        let start = Date(timeIntervalSince1970: 1_764_000_000.123_456_7)
        return (0..<count).map { index in
            let name = awkward[index % awkward.count] + String(repeating: "x", count: index % 7 == 0 ? 300 : 3)
            let note: (any Encodable & Sendable) =
                unknownInColumn ? Code(value: "code \(index)") : (index % 3 == 0 ? String?.none : String?.some("note \(index)"))
            return [
                UUID(), name, index % 5 == 0 ? Int64?.none : Int64?.some(Int64(index) * 1_000_003 - 500), Double(index) / 7,
                index % 4 == 0 ? Bool?.none : Bool?.some(index % 2 == 0), start.addingTimeInterval(Double(index) * 86_399.999_9), note,
            ]
        }
    }

    /// Both tables hold the same rows, compared by the database itself.
    static func expectSame(_ written: String, _ reference: String, on sql: any SQLDatabase) async throws {
        struct Count: Decodable { let n: Int }
        for (left, right) in [(written, reference), (reference, written)] {
            let differing = try await sql.raw(
                "SELECT COUNT(*) AS n FROM (SELECT * FROM \(ident: left) EXCEPT SELECT * FROM \(ident: right)) d"
            ).first(decoding: Count.self)?.n
            #expect(differing == 0, "rows of \(left) not in \(right)")
        }
    }

    /// Runs `body` in a test app whose database has the empty tables `bulk_written` and `bulk_reference`.
    static func withTwoTables(_ body: (any SQLDatabase) async throws -> Void) async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            try await createTable("bulk_written", on: sql)
            try await createTable("bulk_reference", on: sql)
            try await body(sql)
        }
    }

    static func reference(_ rows: [BulkInsert.Row], into table: String, on sql: any SQLDatabase) async throws {
        for chunk in rows.chunked(into: 1_000) {
            let builder = sql.insert(into: table).columns(columns)
            for row in chunk { builder.values(row.map { SQLBind($0) }) }
            try await builder.run()
        }
    }

    @Test("stores what an SQLKit INSERT stores, over several statements or COPY pieces, and reports every row")
    func sameAsSQLKit() async throws {
        try await Self.withTwoTables { sql in
            // 6,000 rows: two SQLite statements (4,285 rows each at most), and over a mebibyte of COPY text.
            let rows = Self.rows(6_000)
            let reported = ReportedRows()
            try await BulkInsert.insert(into: "bulk_written", columns: Self.columns, rows: rows, on: sql) { await reported.add($0) }
            try await Self.reference(rows, into: "bulk_reference", on: sql)
            #expect(await reported.total == rows.count)
            try await Self.expectSame("bulk_written", "bulk_reference", on: sql)
        }
    }

    @Test("rows made a batch at a time, none to several per position, are stored as if held, across statements and COPY pieces")
    func madeInBatches() async throws {
        try await Self.withTwoTables { sql in
            // Position p makes p % 4 rows (none for every fourth): 7,500 rows from 5,000 positions,
            // two statements' worth on SQLite and pieces that end in the middle of a position's rows.
            let all = Self.rows(7_500)
            var firsts: [Int] = []
            var next = 0
            for position in 0..<5_000 {
                firsts.append(next)
                next += position % 4
            }
            let starts = firsts
            let made = BulkInsert.Rows(count: starts.count) { positions in
                positions.flatMap { position in Array(all[starts[position]..<(starts[position] + position % 4)]) }
            }
            let reported = ReportedRows()
            let count = try await BulkInsert.insert(into: "bulk_written", columns: Self.columns, rows: made, on: sql) {
                await reported.add($0)
            }
            #expect(count == all.count)
            #expect(await reported.total == all.count)
            try await Self.reference(all, into: "bulk_reference", on: sql)
            try await Self.expectSame("bulk_written", "bulk_reference", on: sql)
            // Nothing to write writes nothing, whatever the positions.
            let nothing = BulkInsert.Rows(count: 100) { _ in [] }
            #expect(try await BulkInsert.insert(into: "bulk_written", columns: Self.columns, rows: nothing, on: sql) == 0)
        }
    }

    @Test("pieces of rows made in batches: each full but the last, in order, whatever the batches hold")
    func pieces() {
        let made = BulkInsert.Rows(count: 10) { positions in
            positions.flatMap { position in Array(repeating: [position] as BulkInsert.Row, count: position % 3) }
        }
        var pieces = made.pieces(of: 4)
        var sizes: [Int] = []
        var values: [Int] = []
        while let piece = pieces.next() {
            sizes.append(piece.count)
            values += piece.compactMap { $0.first as? Int }
        }
        // Positions 0…9 make 0,1,2,0,1,2,0,1,2,0 rows: 9 in all.
        #expect(sizes == [4, 4, 1])
        #expect(values == [1, 2, 2, 4, 5, 5, 7, 8, 8])
    }

    @Test("a value it does not know goes the SQLKit way and is stored the same")
    func unknownValue() async throws {
        try await Self.withTwoTables { sql in
            let rows = Self.rows(50, unknownInColumn: true)
            try await BulkInsert.insert(into: "bulk_written", columns: Self.columns, rows: rows, on: sql)
            try await Self.reference(rows, into: "bulk_reference", on: sql)
            try await Self.expectSame("bulk_written", "bulk_reference", on: sql)
        }
    }

    @Test("foreign keys dropped for a large write are added back, and a row that refers to nothing refuses the write")
    func foreignKeysCheckedAfter() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            struct Key: Decodable, Equatable {
                let name: String
                let definition: String
            }
            func keys() async throws -> [Key] {
                guard sql.dialect.name == "postgresql" else { return [] }
                return try await sql.raw(
                    """
                    SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS definition FROM pg_constraint k
                    JOIN pg_class t ON t.oid = k.conrelid WHERE k.contype = 'f' AND t.relname = 'placement_outcomes'
                      AND t.relnamespace = current_schema()::regnamespace ORDER BY k.conname
                    """
                ).all(decoding: Key.self)
            }
            let before = try await keys()
            await #expect(throws: (any Error).self) {
                try await app.db.transaction { db in
                    try await BulkInsert.withForeignKeysCheckedAfter(of: [PlacementOutcome.schema], adding: 1, threshold: 1, on: db.sql) {
                        try await db.sql.raw(
                            """
                            INSERT INTO placement_outcomes (id, placement_id, participant_id, horizon, due_on, state, created_at)
                            VALUES (\(bind: UUID()), \(bind: UUID()), \(bind: UUID()), 'at_exit', '2026-01-01', 'pending', \(bind: Date()))
                            """
                        ).run()
                    }
                }
            }
            #expect(try await keys() == before)
            if sql.dialect.name == "postgresql" { #expect(before.count >= 2) }
            struct Count: Decodable { let n: Int }
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM placement_outcomes").first(decoding: Count.self)?.n == 0)
        }
    }

    @Test("a large write keeps the keys over nullable columns, so accounts stay readable and people can sign in meanwhile")
    func accountsStayReadable() async throws {
        try await withPraktikApp { app in
            guard try app.db.sql.dialect.name == "postgresql" else { return }
            struct Count: Decodable { let n: Int }
            try await app.db.transaction { db in
                try await BulkInsert.withForeignKeysCheckedAfter(
                    of: [Placement.schema, PlacementOutcome.schema], adding: 1, threshold: 1, on: db.sql
                ) {
                    // Another connection, as a sign-in would use; a key dropped over `decided_by` or
                    // `recorded_by` would lock `users` until this transaction ends.
                    let users = try await app.db.transaction { other in
                        try await other.sql.raw("SET LOCAL lock_timeout = '2s'").run()
                        return try await other.sql.raw("SELECT COUNT(*) AS n FROM users").first(decoding: Count.self)?.n
                    }
                    #expect(users != nil)
                }
            }
        }
    }

    @Test("a large write drops the keys that refer to the tables it writes, such as a payment's placement, and keeps those to accounts")
    func keysDroppedForALargeWrite() async throws {
        try await withPraktikApp { app in
            guard try app.db.sql.dialect.name == "postgresql" else { return }
            struct Reference: Decodable, Hashable {
                let table: String
                let refers: String
            }
            @Sendable func references(on db: any Database) async throws -> Set<Reference> {
                Set(
                    try await db.sql.raw(
                        """
                        SELECT t.relname AS "table", r.relname AS refers FROM pg_constraint k
                        JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
                        WHERE k.contype = 'f' AND t.relname IN ('placements', 'benefit_payments')
                          AND t.relnamespace = current_schema()::regnamespace
                        """
                    ).all(decoding: Reference.self))
            }
            let before = try await references(on: app.db)
            #expect(before.contains(Reference(table: "benefit_payments", refers: "placements")))
            #expect(before.contains(Reference(table: "placements", refers: "users")))
            let during = try await app.db.transaction { db in
                try await BulkInsert.withForeignKeysCheckedAfter(
                    of: [Placement.schema, BenefitPayment.schema], adding: 1, threshold: 1, on: db.sql
                ) {
                    try await references(on: db)
                }
            }
            #expect(!during.contains(Reference(table: "benefit_payments", refers: "placements")))
            #expect(!during.contains(Reference(table: "benefit_payments", refers: "participants")))
            #expect(during.contains(Reference(table: "placements", refers: "users")))
            #expect(try await references(on: app.db) == before)
        }
    }

    @Test("a bulk write gives PostgreSQL room to hash for its own transaction only, and SQLite its cache for the connection")
    func bulkWriteSettings() async throws {
        try await withPraktikApp { app in
            struct Setting: Decodable { let work_mem: String }
            let sql = try app.db.sql
            guard sql.dialect.name == "postgresql" else {
                struct Cache: Decodable { let cache_size: Int }
                let size = try await app.db.withConnection { db in
                    try await BulkInsert.prepareForBulkWrite(on: db.sql)
                    return try await db.sql.raw("PRAGMA cache_size").first(decoding: Cache.self)?.cache_size
                }
                #expect(size == -BulkInsert.bulkWriteCacheKibibytes)
                return
            }
            let before = try await sql.raw("SHOW work_mem").first(decoding: Setting.self)?.work_mem
            let during = try await app.db.transaction { transaction in
                try await BulkInsert.prepareForBulkWrite(on: transaction.sql)
                return try await transaction.sql.raw("SHOW work_mem").first(decoding: Setting.self)?.work_mem
            }
            #expect(during == "\(BulkInsert.bulkWriteWorkMebibytes)MB")
            #expect(before != during)
            // Every pooled connection is back at the server's setting.
            for _ in 0..<8 { #expect(try await sql.raw("SHOW work_mem").first(decoding: Setting.self)?.work_mem == before) }
        }
    }

    @Test("indexes dropped for a large write come back as they were, and SQLite's connection gets its own settings back after sorting them")
    func indexesRebuilt() async throws {
        try await withPraktikApp { app in
            // SQLite's settings belong to a connection, so there everything runs on one.
            let sqlite = try app.db.sql.dialect.name == "sqlite"
            @Sendable func onOneConnection(_ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
                if sqlite { try await app.db.withConnection { try await body($0) } } else { try await body(app.db) }
            }
            try await onOneConnection { db in
                let sql = try db.sql
                func settings() async throws -> [Int] {
                    guard sqlite else { return [] }
                    var values: [Int] = []
                    for name in ["cache_size", "temp_store", "threads"] {
                        let row = try await sql.raw("PRAGMA \(unsafeRaw: name)").first()
                        values.append(try row.map { try $0.decode(column: $0.allColumns.first ?? name, as: Int.self) } ?? -1)
                    }
                    return values
                }
                try await Self.createTable("bulk_indexed", on: sql)
                try await sql.raw("CREATE INDEX bulk_indexed_name_idx ON bulk_indexed (name, amount)").run()
                try await sql.raw("CREATE UNIQUE INDEX bulk_indexed_note_idx ON bulk_indexed (note)").run()
                if sqlite { try await BulkInsert.prepareForBulkWrite(on: sql) }
                let before = try await BulkInsert.secondaryIndexes(of: ["bulk_indexed"], on: sql).map(\.definition)
                let settingsBefore = try await settings()
                #expect(before.count == 2)

                // A write that leaves two rows with the same note: the unique index cannot be built again,
                // the write fails, and the settings still come back.
                await #expect(throws: (any Error).self) {
                    try await db.transaction { transaction in
                        try await BulkInsert.withoutSecondaryIndexes(of: ["bulk_indexed"], adding: 10, threshold: 1, on: transaction.sql) {
                            #expect(try await BulkInsert.secondaryIndexes(of: ["bulk_indexed"], on: transaction.sql).isEmpty)
                            let rows = Self.rows(10).map { row in Array(row.prefix(6)) + ["same note" as any Encodable & Sendable] }
                            try await BulkInsert.insert(into: "bulk_indexed", columns: Self.columns, rows: rows, on: transaction.sql)
                        }
                    }
                }
                #expect(try await settings() == settingsBefore)
                #expect(try await BulkInsert.secondaryIndexes(of: ["bulk_indexed"], on: sql).map(\.definition) == before)

                let rows = Self.rows(3_000)
                try await db.transaction { transaction in
                    try await BulkInsert.withoutSecondaryIndexes(
                        of: ["bulk_indexed"], adding: rows.count, threshold: 1, on: transaction.sql
                    ) {
                        try await BulkInsert.insert(into: "bulk_indexed", columns: Self.columns, rows: rows, on: transaction.sql)
                    }
                }
                #expect(try await settings() == settingsBefore)
                #expect(try await BulkInsert.secondaryIndexes(of: ["bulk_indexed"], on: sql).map(\.definition) == before)
                struct Count: Decodable { let n: Int }
                // The rebuilt index holds every row: counted through it, the same as the table.
                let counted =
                    sqlite
                    ? "SELECT COUNT(*) AS n FROM bulk_indexed INDEXED BY bulk_indexed_name_idx WHERE name IS NOT NULL"
                    : "SELECT COUNT(*) AS n FROM bulk_indexed WHERE name IS NOT NULL"
                #expect(try await sql.raw("\(unsafeRaw: counted)").first(decoding: Count.self)?.n == rows.count)
                if sqlite {
                    struct Check: Decodable { let integrity_check: String }
                    #expect(try await sql.raw("PRAGMA integrity_check").first(decoding: Check.self)?.integrity_check == "ok")
                }
            }
        }
    }

    @Test("a timestamp as COPY text: UTC, to the microsecond, cut toward zero as PostgresNIO cuts a bound date")
    func timestampText() {
        #expect(BulkValue.timestampText(Date(timeIntervalSince1970: 1_764_892_800.5)) == "2025-12-05 00:00:00.500000+00")
        #expect(BulkValue.timestampText(Date(timeIntervalSince1970: 946_684_799.5)) == "1999-12-31 23:59:59.500000+00")
        #expect(BulkValue.timestampText(Date(timeIntervalSince1970: 951_825_600)) == "2000-02-29 12:00:00.000000+00")
    }

    @Test("COPY text escapes what the format reads as markup, and writes null as \\N")
    func copyText() {
        var line = ""
        for value: BulkValue in [.text("a\tb\nc\rd\\e"), .null, .boolean(true), .integer(-5), .text("\\N")] {
            value.appendCopyText(to: &line)
            line += "|"
        }
        #expect(line == "a\\tb\\nc\\rd\\\\e|\\N|t|-5|\\\\N|")
    }
}

/// Rows reported by `written`, summed.
actor ReportedRows {
    private(set) var total = 0
    func add(_ rows: Int) { total += rows }
}
