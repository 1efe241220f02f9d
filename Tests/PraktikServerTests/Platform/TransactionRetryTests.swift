import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

@Suite("Transactions that meet a concurrent writer")
struct TransactionRetryTests {
    actor Runs {
        var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }

    struct Row: Decodable { let n: Int }

    @Test("a transaction that read before another connection wrote runs again instead of failing with 'database is locked'")
    func lockedTransactionRunsAgain() async throws {
        // setup: two instances on one database, so the second writer has a connection of its own
        let location = TestDatabaseLocation()
        let settings = Settings(database: location.choice, bcryptCost: 4)
        let app = try await makePraktikApp(settings: settings)
        let other = try await makePraktikApp(settings: settings)
        do {
            try await location.create(using: app)
            // As `praktik serve` runs SQLite (set when the app boots; these apps are not booted).
            if TestDatabase.postgresURL == nil { try await app.db.sql.raw("PRAGMA journal_mode=WAL").run() }
            try await app.db.sql.raw("CREATE TABLE retry_probe (n INTEGER NOT NULL)").run()
            let runs = Runs()

            // MUT: read, let the other instance write, then write
            try await app.db.transactionRunAgainWhenLocked { db in
                let run = await runs.next()
                _ = try await db.sql.raw("SELECT n FROM retry_probe").all(decoding: Row.self)
                if run == 1 { try await other.db.sql.raw("INSERT INTO retry_probe (n) VALUES (0)").run() }
                try await db.sql.raw("INSERT INTO retry_probe (n) VALUES (\(bind: run))").run()
            }

            // validate: both writes are stored; on SQLite the first run was refused and the second stored
            let stored = try await app.db.sql.raw("SELECT n FROM retry_probe ORDER BY n").all(decoding: Row.self).map(\.n)
            if TestDatabase.postgresURL == nil {
                #expect(await runs.count == 2, "SQLite refused the first run")
                #expect(stored == [0, 2])
            } else {
                #expect(await runs.count == 1, "PostgreSQL lets both write")
                #expect(stored == [0, 1])
            }
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
