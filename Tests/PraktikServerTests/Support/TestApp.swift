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

/// An empty database of a test's own: a new SQLite file, or a new schema on the PostgreSQL server.
struct TestDatabaseLocation {
    let schema: String
    let sqlitePath: String

    init() {
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        sqlitePath = NSTemporaryDirectory() + "praktik-test-\(id).sqlite"
        schema = "test_\(id)"
    }

    var choice: Settings.DatabaseChoice {
        TestDatabase.postgresURL.map { .postgres(url: $0, schema: schema) } ?? .sqlite(path: sqlitePath)
    }

    /// Creates the schema (PostgreSQL); SQLite creates its file on first use.
    func create(using app: Application) async throws {
        if TestDatabase.postgresURL != nil {
            try await app.db.sql.raw("CREATE SCHEMA \(ident: schema)").run()
        }
    }

    func remove(using app: Application) async {
        if TestDatabase.postgresURL != nil {
            try? await app.db.sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
    }
}

/// An application configured as `praktik serve` configures it, on `settings`, not yet migrated.
func makePraktikApp(settings: Settings, clock: TestClock = TestClock()) async throws -> Application {
    let app = try await Application.make(.testing)
    app.directory = DirectoryConfiguration(workingDirectory: packageRoot)
    app.logger.logLevel = .warning
    do {
        try await configure(app, settings: settings, clock: clock.appClock)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    return app
}

/// Runs `body` against a freshly configured and migrated application on an empty database of its
/// own (a new SQLite file, or a new PostgreSQL schema), and removes that database afterwards.
func withPraktikApp(
    clock: TestClock = TestClock(),
    adjust: (inout Settings) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let location = TestDatabaseLocation()
    var settings = Settings(database: location.choice, bcryptCost: 4)
    // Every suite runs at once on two cores: a burst of twenty writers can wait past 30 s there.
    settings.databaseConnectionWait = .seconds(180)
    adjust(&settings)

    let app = try await makePraktikApp(settings: settings, clock: clock)
    do {
        try await location.create(using: app)
        try await app.migrateDatabase()
        try await body(app)
    } catch {
        await location.remove(using: app)
        try? await app.asyncShutdown()
        throw error
    }
    await location.remove(using: app)
    try? await app.asyncShutdown()
}

/// Runs `body` with two instances of the application on one empty database of their own, as two
/// servers share one in production: each has its own connections. With `migrated`, the database
/// is migrated first and, on SQLite, in WAL mode as `praktik serve` sets it (these apps are not booted).
func withTwoInstances(migrated: Bool = true, _ body: (Application, Application) async throws -> Void) async throws {
    let location = TestDatabaseLocation()
    let settings = Settings(database: location.choice, bcryptCost: 4)
    let first = try await makePraktikApp(settings: settings)
    let second: Application
    do {
        second = try await makePraktikApp(settings: settings)
    } catch {
        try? await first.asyncShutdown()
        throw error
    }
    do {
        try await location.create(using: first)
        if migrated {
            try await first.migrateDatabase()
            if TestDatabase.postgresURL == nil { try await first.db.sql.raw("PRAGMA journal_mode=WAL").run() }
        }
        try await body(first, second)
    } catch {
        await location.remove(using: first)
        try? await first.asyncShutdown()
        try? await second.asyncShutdown()
        throw error
    }
    await location.remove(using: first)
    try await first.asyncShutdown()
    try await second.asyncShutdown()
}

/// The Swift files under `roots` (paths from the package root), each with its path there and its
/// text: for the tests that check the sources themselves.
func swiftSources(under roots: [String]) throws -> [(path: String, text: String)] {
    var sources: [(path: String, text: String)] = []
    for root in roots {
        let folder = packageRoot + root
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            sources.append((root + "/" + file, try String(contentsOfFile: folder + "/" + file, encoding: .utf8)))
        }
    }
    return sources
}
