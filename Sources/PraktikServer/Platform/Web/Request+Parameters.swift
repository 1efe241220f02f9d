import Foundation
import Vapor

extension Request {
    /// The route's `:id` parameter as a UUID, or nil when it is missing or malformed; the lookup
    /// that takes it then answers "not found", as for an id that does not exist.
    var idParameter: UUID? { parameters.get("id", as: UUID.self) }

    /// The route's `:token` parameter (signed links), or "" when it is missing.
    var tokenParameter: String { parameters.get("token") ?? "" }

    /// A query-string value as typed, or "" when it is missing: filters treat both alike.
    func query(_ name: String) -> String { queryValues[name] ?? "" }

    /// The query string read once per request: a list reads eight or more values, and Vapor's
    /// `query.get` parses the whole string again for each (2 % of a list page under perf record).
    private var queryValues: [String: String] {
        if let parsed = storage[QueryValuesKey.self] { return parsed }
        let parsed = QueryValues.parse(url.query ?? "")
        storage[QueryValuesKey.self] = parsed
        return parsed
    }

    private struct QueryValuesKey: StorageKey { typealias Value = [String: String] }
}

/// `application/x-www-form-urlencoded` pairs as Vapor's `URLEncodedFormDecoder` reads flat keys:
/// `+` is a space, percent escapes are decoded, the last of a repeated key wins, and a value or
/// key with a malformed escape is left out.
enum QueryValues {
    static func parse(_ query: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]) else { continue }
            if parts.count == 2 {
                guard let value = decode(parts[1]) else { continue }
                values[key] = value
            } else {
                values[key] = ""
            }
        }
        return values
    }

    private static func decode(_ text: Substring) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        return text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
