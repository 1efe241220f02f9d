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

/// A whitelisted sort: the page names a key, the query gets that key's SQL, never the text itself.
struct SQLSort: Sendable {
    let key: String
    let descending: Bool

    init(requested: String?, allowed: [String: String], default defaultKey: String) {
        var text = requested ?? ""
        var descending = false
        if text.hasPrefix("-") {
            descending = true
            text.removeFirst()
        }
        if allowed[text] == nil {
            text = defaultKey
            descending = false
        }
        self.key = text
        self.descending = descending
    }

    /// `ORDER BY <column> ASC|DESC`; `column` comes from the whitelist, `tieBreak` keeps pages stable.
    func orderBy(_ allowed: [String: String], tieBreak: String) -> SQLQueryString {
        let column = allowed[key] ?? tieBreak
        return " ORDER BY \(unsafeRaw: column) \(unsafeRaw: descending ? "DESC" : "ASC"), \(unsafeRaw: tieBreak) ASC"
    }

    /// The request value that sorts by `key`, flipping direction when it is already the sort.
    func link(for key: String) -> String {
        key == self.key && !descending ? "-" + key : key
    }
}
