import SQLKit

/// A whitelisted sort: the page names a key, the query gets that key's SQL, never the text itself.
/// `-key` sorts descending.
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

    /// The request value of this sort, as links carry it (`name`, `-name`).
    var requestValue: String { (descending ? "-" : "") + key }

    /// The request value that sorts by `key`, flipping direction when it is already the sort.
    func link(for key: String) -> String {
        key == self.key && !descending ? "-" + key : key
    }

    /// `aria-sort` of the column `key`: `ascending`, `descending` or `none`.
    func ariaSort(of key: String) -> String {
        key == self.key ? (descending ? "descending" : "ascending") : "none"
    }
}
