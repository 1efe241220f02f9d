import Fluent
import FluentSQLiteDriver
import Foundation

extension Error {
    /// SQLite refused a write at once with "database is locked": the transaction read before it
    /// wrote, and another connection wrote meanwhile. SQLite does not wait in that case (waiting
    /// could deadlock, and the transaction's snapshot is out of date); the whole transaction must
    /// run again. PostgreSQL never answers this way.
    var isSQLiteLockedForWrite: Bool {
        guard let error = self as? SQLiteError else { return false }
        return error.reason == .busy || error.reason == .busyInSnapshot
    }
}

extension Database {
    /// A transaction that runs again from the start (up to five times, a little later each time)
    /// when SQLite refuses it with "database is locked" (`isSQLiteLockedForWrite`). fluent-sqlite-driver
    /// begins every transaction as `BEGIN` (deferred), so any transaction that reads first can meet
    /// this while a job writes; this is the way round it for work that must not fail then.
    ///
    /// `body` must be safe to run again: it loads and creates the models it writes inside itself.
    func transactionRunAgainWhenLocked<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transaction(body)
            } catch  where error.isSQLiteLockedForWrite && attempt < 5 {
                try await Task.sleep(for: .milliseconds(25 * attempt))
                attempt += 1
            }
        }
    }
}
