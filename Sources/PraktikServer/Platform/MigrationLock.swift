import Fluent
import Foundation
import SQLKit
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Application {
    /// Applies pending migrations, holding a lock while it does, so that several instances starting
    /// together apply each migration once: the first migrates, the others wait and then find
    /// nothing to do. Every command calls it at start; `praktik migrate` runs it alone, before a
    /// release.
    ///
    /// PostgreSQL: a session advisory lock named after the schema (tests migrate a schema each, in
    /// parallel, and must not wait for each other). SQLite: an exclusive `flock` on the database
    /// file, which only processes on the same host share; SQLite's own locks are `fcntl` locks and
    /// do not interact with it.
    public func migrateDatabase() async throws {
        switch settings.database {
        case .postgres(_, let schema):
            try await db.withConnection { connection in
                let sql = try connection.sql
                let key = "praktik.migrations." + (schema ?? "public")
                try await sql.raw("SELECT pg_advisory_lock(hashtext(\(bind: key)))").run()
                do {
                    try await self.autoMigrate()
                } catch {
                    try? await sql.raw("SELECT pg_advisory_unlock(hashtext(\(bind: key)))").run()
                    throw error
                }
                try await sql.raw("SELECT pg_advisory_unlock(hashtext(\(bind: key)))").run()
            }
        case .sqlite(let path):
            let file = try await MigrationFileLock.acquire(path, on: threadPool)
            defer { file.release() }
            try await autoMigrate()
        }
    }
}

/// An exclusive `flock` on a file, held until `release`.
private struct MigrationFileLock {
    let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func acquire(_ path: String, on threadPool: NIOThreadPool) async throws -> MigrationFileLock {
        // The database file itself: SQLite accepts an empty file as a new database.
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(path) to lock it for migrations") }
        do {
            // Waiting for another process's migrations blocks, so it waits off the event loops.
            try await threadPool.runIfActive {
                guard flock(descriptor, LOCK_EX) == 0 else { throw Failure(description: "cannot lock \(path) for migrations") }
            }
        } catch {
            close(descriptor)
            throw error
        }
        return MigrationFileLock(descriptor: descriptor)
    }

    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
