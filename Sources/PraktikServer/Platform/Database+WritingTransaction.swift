import Fluent
import SQLKit

extension Database {
    /// The one way the server begins a transaction: safe beside other writers on SQLite too
    /// (`WritingTransactionTests` finds any other).
    ///
    /// fluent-sqlite-driver begins every transaction as `BEGIN` (deferred): its first read takes a
    /// snapshot, and when it then writes after another connection has written (a job sending an
    /// outreach's mail), SQLite answers "database is locked" at once instead of waiting, because the
    /// snapshot is out of date. Here the first statement on SQLite is a write that changes nothing,
    /// which takes the write lock before anything is read (what `BEGIN IMMEDIATE` does): the
    /// transaction waits its turn behind the other writer, and then reads what that one wrote.
    /// PostgreSQL needs nothing of the kind.
    ///
    /// Fluent runs the body in a task of its own, started from an event loop, which inherits none of
    /// the caller's task-local values; the benchmarks' `StepTimes` log is carried over by hand.
    func writingTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let steps = StepTimes.current
        return try await transaction { db in
            try await StepTimes.$current.withValue(steps) {
                let sql = try db.sql
                if sql.dialect.name == "sqlite" {
                    try await sql.raw("DELETE FROM _fluent_migrations WHERE 1 = 0").run()
                }
                return try await body(db)
            }
        }
    }
}
