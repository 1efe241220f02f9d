import Foundation

/// Builds `a=1&b=2` for links that keep a list's filters across pages; empty values are left out.
enum QueryString {
    static func encode(_ parameters: some Sequence<(key: String, value: String)>) -> String {
        var query = ""
        for (key, value) in parameters where !value.isEmpty {
            if !query.isEmpty { query += "&" }
            query += key + "=" + escaped(value)
        }
        return query
    }

    /// What a value may hold unescaped: the query characters less those that separate pairs.
    private static let allowed: CharacterSet = {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return allowed
    }()

    /// Most values (sort keys, page numbers, codes) need no escaping; Foundation's escaping costs
    /// a bridge to NSString each time, so it runs only when a byte may need it.
    private static func escaped(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                true
            default: false
            }
        }
        return plain ? value : (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// `path?query`, or `path` alone when the query is empty.
    static func appending(_ query: String, to path: String) -> String {
        query.isEmpty ? path : path + "?" + query
    }
}
