import Foundation

/// Builds `a=1&b=2` for links that keep a list's filters across pages; empty values are left out.
enum QueryString {
    static func encode(_ parameters: KeyValuePairs<String, String>) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return parameters.filter { !$0.value.isEmpty }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }
}
