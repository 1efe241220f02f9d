import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

extension Application {
    /// SQLite by default (one file, WAL, foreign keys on); PostgreSQL when `DATABASE_URL` says so.
    func useDatabase(_ choice: Settings.DatabaseChoice, connectionWait: TimeAmount = .seconds(30)) throws {
        switch choice {
        case .sqlite(let path):
            // Every libsqlite3 call runs on the application's thread pool, and a connection waiting
            // for SQLite's write lock keeps its thread busy until the lock frees. A transaction of
            // several statements (taking a seat, then writing the placement) needs a free thread
            // between its statements, so the pool must outnumber the connections that can wait at
            // once; the shared default (one thread per core) does not, and is also shared with
            // file I/O and Bcrypt. One pool per application, with room to spare.
            //
            // Two connections per event loop rather than one, so that a loop's requests do not all
            // queue for one connection while its query runs on the pool (compare.py, 6 pairs:
            // the signed-in `/healthz` 0.72 of the CPU per request and 1.38 of the throughput, `/places`
            // 0.89 and 1.12; three per loop measured no better, BENCHMARKS.md).
            let connectionsPerEventLoop = 2
            threadPool = NIOThreadPool(numberOfThreads: System.coreCount * connectionsPerEventLoop + 2)
            databases.use(
                .sqlite(
                    .file(path), maxConnectionsPerEventLoop: connectionsPerEventLoop, connectionPoolTimeout: connectionWait,
                    sqlLogLevel: .debug),
                as: .sqlite)
            // WAL lets readers work while one writer writes; busy_timeout makes a second writer wait
            // instead of failing at once. Foreign keys are enforced by fluent-sqlite-driver per connection.
            lifecycle.use(SQLitePragmas())
            // The place list's filter choices are kept between pages while M0121's version holds.
            placeFilterChoices = PlaceFilterChoicesCache()
        case .postgres(let url, let schema):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = [schema ?? "public"]
            // A burst of writes to one row (consents for one person) queues on its row lock while
            // holding connections; requests behind them wait for a connection as long as on SQLite
            // rather than failing after the driver's default 10 s.
            databases.use(
                .postgres(
                    configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: connectionWait,
                    sqlLogLevel: .debug),
                as: .psql)
        }
    }
}

private struct SQLitePragmas: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        let sql = try application.db.sql
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
