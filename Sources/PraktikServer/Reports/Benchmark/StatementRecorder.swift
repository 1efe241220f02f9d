import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// An SQL database that runs everything on another one and keeps every statement it was given,
/// as the database received it (text with placeholders, and the bound values), so the reports
/// benchmark can run a report's own statements again without the application around them.
struct StatementRecorder: SQLDatabase {
    let base: any SQLDatabase
    private let box = NIOLockedValueBox<[RecordedStatement]>([])

    init(recording base: any SQLDatabase) {
        self.base = base
    }

    /// The statements executed so far, in order.
    var statements: [RecordedStatement] { box.withLockedValue { $0 } }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        record(query)
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        record(query)
        try await base.execute(sql: query, onRow)
    }

    private func record(_ query: any SQLExpression) {
        let (sql, binds) = base.serialize(query)
        box.withLockedValue { $0.append(RecordedStatement(sql: sql, binds: binds)) }
    }
}

/// One statement as the database received it; as an expression it is exactly that statement again.
struct RecordedStatement: SQLExpression, Sendable {
    let sql: String
    let binds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sql)
        serializer.binds += binds
    }
}
