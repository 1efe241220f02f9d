/// The languages Praktik speaks, in the order the language switch offers them. Swedish is the
/// default; Danish is for the Danish job centres, their employers and citizens.
public enum AppLanguage: String, CaseIterable, Codable, Sendable, Hashable {
    case swedish = "sv"
    case english = "en"
    case danish = "da"

    public static let `default`: AppLanguage = .swedish

    /// The BCP 47 tag used for `lang` attributes and number and date formatting.
    public var tag: String { rawValue }

    /// Picks the first supported language from an `Accept-Language` header, honouring q-values.
    public static func preferred(fromAcceptLanguage header: String) -> AppLanguage? {
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingSpaces() }
            guard let range = pieces.first, !range.isEmpty else { return nil }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            return (range.lowercased(), quality, index)
        }
        .filter { $0.1 > 0 }
        .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
        for (range, _, _) in ranked {
            let primary = range.split(separator: "-").first.map(String.init) ?? range
            if let language = AppLanguage(rawValue: primary) { return language }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
