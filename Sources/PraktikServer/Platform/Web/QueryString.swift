import Foundation

/// Builds `a=1&b=2` for links that keep a list's filters across pages; empty values are left out.
enum QueryString {
    static func encode(_ parameters: some Sequence<(key: String, value: String)>) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return parameters.filter { !$0.value.isEmpty }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    /// `path?query`, or `path` alone when the query is empty.
    static func appending(_ query: String, to path: String) -> String {
        query.isEmpty ? path : path + "?" + query
    }
}
