import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Start: migrations under a lock, the OpenAPI document read once")
struct StartupTests {
    @Test("instances that start together migrate one after the other: every migration applied once")
    func concurrentMigrations() async throws {
        try await withTwoInstances(migrated: false) { first, second in
            async let one: Void = first.migrateDatabase()
            async let two: Void = second.migrateDatabase()
            _ = try await (one, two)
            struct Row: Decodable { let name: String }
            let applied = try await first.db.sql.raw("SELECT name FROM _fluent_migrations").all(decoding: Row.self).map(\.name)
            #expect(!applied.isEmpty)
            #expect(Set(applied).count == applied.count, "a migration was applied twice")
            // A third start finds nothing to do.
            try await second.migrateDatabase()
            #expect(try await first.db.sql.raw("SELECT name FROM _fluent_migrations").all(decoding: Row.self).count == applied.count)
        }
    }

    @Test("the OpenAPI document is served from memory, not read from disk per request")
    func openAPIReadOnce() async throws {
        try await withPraktikApp { app in
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "Resources/OpenAPI/openapi.json"))
            // Were the file read per request, it would now be looked for where there is none.
            app.directory = DirectoryConfiguration(workingDirectory: NSTemporaryDirectory() + "praktik-nowhere-\(UUID())/")
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(Data(buffer: response.body) == onDisk)
        }
    }

    @Test("a missing OpenAPI document stops the start")
    func openAPIMissingStopsStart() async throws {
        let home = NSTemporaryDirectory() + "praktik-home-\(UUID())/"
        try FileManager.default.createDirectory(atPath: home + "Resources", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createSymbolicLink(
            atPath: home + "Resources/Locales", withDestinationPath: packageRoot + "Resources/Locales")
        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: home)
        app.logger.logLevel = .critical
        await #expect(throws: OpenAPIDocument.Problem.self) {
            try await configure(app, settings: Settings(database: .sqlite(path: home + "praktik.sqlite"), bcryptCost: 4))
        }
        try await app.asyncShutdown()
    }
}
