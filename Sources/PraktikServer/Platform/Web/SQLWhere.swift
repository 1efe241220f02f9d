import SQLKit

/// Conditions collected one by one and written as one `WHERE … AND …` (or nothing), so list queries
/// can add a filter per filled-in field without string juggling.
struct SQLWhere {
    private var conditions: [SQLQueryString] = []

    mutating func add(_ condition: SQLQueryString) { conditions.append(condition) }

    var clause: SQLQueryString {
        conditions.isEmpty ? "" : " WHERE " + conditions.map { "(" + $0 + ")" }.joined(separator: " AND ")
    }
}
