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
        let location = TestDatabaseLocation()
        let settings = Settings(database: location.choice, bcryptCost: 4)
        let app = try await makePraktikApp(settings: settings)
        let other = try await makePraktikApp(settings: settings)
        let sqlite = TestDatabase.postgresURL == nil
        do {
            try await location.create(using: app)
            try await app.migrateDatabase()
            // As `praktik serve` runs SQLite (set when the app boots; these apps are not booted).
            if sqlite { try await app.db.sql.raw("PRAGMA journal_mode=WAL").run() }
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
        } catch {
            await location.remove(using: app)
            try? await app.asyncShutdown()
            try? await other.asyncShutdown()
            throw error
        }
        await location.remove(using: app)
        try await app.asyncShutdown()
        try await other.asyncShutdown()
    }
}
