import SQLKit

@testable import PraktikServer

/// SQLite's plan for a statement the application sent (`StatementRecorder`), one line per step as
/// `EXPLAIN QUERY PLAN` words it ("SEARCH pl USING INDEX …"), for tests that hold a query to an index.
func sqlitePlan(of statement: RecordedStatement, on sql: any SQLDatabase) async throws -> [String] {
    struct Step: Decodable { let detail: String }
    return try await sql.raw("EXPLAIN QUERY PLAN \(statement)").all(decoding: Step.self).map(\.detail)
}
