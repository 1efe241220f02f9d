import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

extension Error {
    /// Whether the database refused the work only because others were writing at the same moment:
    /// SQLite's lock still held when `busy_timeout` ran out, or PostgreSQL's serialization failure or
    /// deadlock (SQLSTATE 40001, 40P01). Trying again is the right answer; showing a 500 is not.
    var isBusyDatabase: Bool {
        if let error = self as? PSQLError {
            let state = error.serverInfo?[.sqlState]
            return state == PostgresError.Code.serializationFailure.raw || state == PostgresError.Code.deadlockDetected.raw
        }
        if let error = self as? SQLiteError {
            switch error.reason {
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .lockedBySharedCache: return true
            default: return false
            }
        }
        return false
    }
}

/// The one way to run a write that many people may make at the same moment (accepting an offer):
/// a busy database is tried again a few times after a short, growing pause, and then answered with
/// `AppError.conflict(error.busy)`, a 409 page that asks the person to try again, never a 500.
enum BusyDatabase {
    static func retrying<T: Sendable>(attempts: Int = 4, _ write: @Sendable () async throws -> T) async throws -> T {
        for attempt in 1...max(attempts, 1) {
            do {
                return try await write()
            } catch  where error.isBusyDatabase {
                guard attempt < attempts else { break }
                try await Task.sleep(for: .milliseconds(25 * attempt * attempt))
            }
        }
        throw AppError.conflict(messageKey: "error.busy")
    }
}
