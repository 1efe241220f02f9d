import Fluent
import Foundation
import NIOConcurrencyHelpers
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = NIOLockedValueBox(start) }

    var now: Date { current.withLockedValue { $0 } }
    func advance(by seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
    var appClock: AppClock { AppClock(now: { [self] in self.now }) }
}

/// Which database the suite runs on: SQLite unless `PRAKTIK_TEST_DATABASE_URL` names a PostgreSQL
/// server, which `.ci/run` does for its second pass.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["PRAKTIK_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var name: String { postgresURL == nil ? "sqlite" : "postgresql" }
}

/// The package root, so tests find `Resources/` and `Public/` whatever the working directory.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/"
}()

/// Runs `body` against a freshly configured and migrated application on an empty database of its
/// own (a new SQLite file, or a new PostgreSQL schema), and removes that database afterwards.
func withPraktikApp(
    clock: TestClock = TestClock(),
    adjust: (inout Settings) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let sqlitePath = NSTemporaryDirectory() + "praktik-test-\(id).sqlite"
    let schema = "test_\(id)"
    var settings = Settings(
        database: TestDatabase.postgresURL.map { .postgres(url: $0, schema: schema) } ?? .sqlite(path: sqlitePath),
        bcryptCost: 4)
    adjust(&settings)

    let app = try await Application.make(.testing)
    app.directory = DirectoryConfiguration(workingDirectory: packageRoot)
    app.logger.logLevel = .warning
    do {
        try await configure(app, settings: settings, clock: clock.appClock)
        if TestDatabase.postgresURL != nil {
            try await app.db.sql.raw("CREATE SCHEMA \(ident: schema)").run()
        }
        try await app.migrateDatabase()
        try await body(app)
    } catch {
        await tearDown(app, schema: schema, sqlitePath: sqlitePath)
        throw error
    }
    await tearDown(app, schema: schema, sqlitePath: sqlitePath)
}

private func tearDown(_ app: Application, schema: String, sqlitePath: String) async {
    if TestDatabase.postgresURL != nil {
        try? await app.db.sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
}
