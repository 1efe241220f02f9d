import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

extension Error {
    /// Whether a unique index refused the write, on SQLite ("UNIQUE constraint failed") or
    /// PostgreSQL (SQLSTATE 23505). Other constraint failures (foreign keys, NOT NULL) are not this.
    var isUniqueViolation: Bool {
        if let error = self as? PSQLError {
            return error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw
        }
        if let error = self as? SQLiteError {
            switch error.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed: return true
            case .constraint: return error.message.hasPrefix("UNIQUE constraint failed")
            default: return false
            }
        }
        return false
    }
}

/// The one mapping of unique-index failures to answers.
///
/// A service that checks a unique value before writing (a person number, an organisation number, a
/// workplace's address, an e-mail) cannot stop two requests that check at the same moment: both find
/// nothing, and the unique index refuses the second write. Run the write through `guarding` with the
/// service's own duplicate check: the second request then gets exactly the answer the check gives
/// (the same 409 page, pointing at the record that won), never a 500. Call it outside the write's
/// transaction: on PostgreSQL a failed statement aborts the transaction it ran in.
enum UniqueIndex {
    static func guarding<T>(
        _ write: () async throws -> T, whenTaken duplicateCheck: () async throws -> Void
    ) async throws -> T {
        do {
            return try await write()
        } catch  where error.isUniqueViolation {
            // The winner has committed (the index waited for it), so the check now finds it and throws.
            try await duplicateCheck()
            // It did not: the clash was on another unique value, or the winner was undone since.
            throw AppError.conflict(messageKey: "error.concurrent-change")
        }
    }
}
