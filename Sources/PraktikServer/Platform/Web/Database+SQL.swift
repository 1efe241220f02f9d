import Fluent
import SQLKit
import Vapor

extension Database {
    /// This database through SQLKit, for lists, searches, statistics and exports.
    ///
    /// Both drivers Praktik runs on (SQLite and PostgreSQL) are SQL databases, so this only fails
    /// when the application is wired wrongly; it then throws rather than answering with an empty
    /// list or an "allowed" that was never checked.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw AppError.unavailable }
            return sql
        }
    }
}

extension Request {
    /// The request's database through SQLKit; see `Database.sql`.
    var sql: any SQLDatabase {
        get throws { try db.sql }
    }
}
