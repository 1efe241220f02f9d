import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

@Suite("Transactions beside another writer")
struct WritingTransactionTests {
    /// A flag one task sets and another waits for.
    actor Flag {
        private(set) var isSet = false
        func set() { isSet = true }
        func wait() async throws {
            while !isSet { try await Task.sleep(for: .milliseconds(10)) }
        }
    }

    struct Row: Decodable { let n: Int }

    @Test("a transaction that reads and then writes waits for another writer instead of failing with 'database is locked'")
    func waitsForTheOtherWriter() async throws {
        // setup: two instances on one database, so the other writer has a connection of its own
        try await withTwoInstances { app, other in
            let sqlite = TestDatabase.postgresURL == nil
            try await app.db.sql.raw("CREATE TABLE write_probe (n INTEGER NOT NULL)").run()
            let otherWrote = Flag()
            let otherMayCommit = Flag()
            let otherWriter = Task {
                try await other.db.transaction { db in
                    try await db.sql.raw("INSERT INTO write_probe (n) VALUES (100)").run()
                    await otherWrote.set()
                    try await otherMayCommit.wait()
                }
            }
            try await otherWrote.wait()

            // MUT: read, then write, while the other transaction holds its write
            let mine = Task {
                try await app.db.writingTransaction { db in
                    let seen = try await db.sql.raw("SELECT n FROM write_probe").all(decoding: Row.self).count
                    try await db.sql.raw("INSERT INTO write_probe (n) VALUES (\(bind: seen))").run()
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            await otherMayCommit.set()
            try await otherWriter.value
            try await mine.value

            // validate: both rows stored; on SQLite the transaction waited and read the other's row
            let stored = try await app.db.sql.raw("SELECT n FROM write_probe ORDER BY n").all(decoding: Row.self).map(\.n)
            // (On PostgreSQL mine reads its snapshot: 0 rows if it read before the other committed,
            // 1 on a machine so busy that it started only afterwards; either way nothing failed.)
            #expect(sqlite ? stored == [1, 100] : (stored == [0, 100] || stored == [1, 100]))
        }
    }

    /// A deferred transaction that reads and then writes fails at once on SQLite when another
    /// connection wrote in between: an outreach's send job lost its first batches that way beside
    /// a case worker's page views, and waited half a minute for its retry. So the server has one
    /// way to begin a transaction, and this finds any other.
    @Test("the server begins every transaction through writingTransaction")
    func everyTransactionTakesTheWriteLock() throws {
        let plainTransaction = try Regex(#"\.transaction\s*[({]"#)
        let sources = try swiftSources(under: ["Sources/PraktikServer", "Sources/praktik"])
            .filter { !$0.path.hasSuffix("Database+WritingTransaction.swift") }
        var found: [String] = []
        for source in sources {
            for (number, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && line.contains(plainTransaction) {
                found.append("\(source.path):\(number + 1)")
            }
        }
        #expect(sources.count > 200, "the sources are read")
        #expect(found.isEmpty, "transactions begun without the write lock: \(found)")
    }
}
