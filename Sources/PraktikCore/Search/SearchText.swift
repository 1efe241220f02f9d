/// The one way names and queries are folded for search, the same on SQLite and PostgreSQL: a
/// service writes each record's folded text into a `search_text` column, and a query is folded the
/// same way and split into words that must all occur (`Öberg`, `ÖBERG` and `öberg` find the same
/// person; `Aisha Abdullahi` and `Abdullahi, Aisha` too). The databases' own `LOWER()` cannot do
/// this: SQLite's folds ASCII only.
///
/// Folding: lower case; the Danish letters written as their Swedish counterparts (æ as ä, ø as ö),
/// so a Danish and a Swedish spelling of one name meet; å, ä and ö kept (letters of their own in
/// both languages, not an a or an o with a mark); the accents of other Latin letters dropped
/// (é, ü, ñ, ç, ł, ş…); ß as ss. Letters of other scripts are kept as they are. Anything that is
/// neither a letter nor a digit separates words.
public enum SearchText {
    /// The folded words of `text`, separated by single spaces.
    public static func folded(_ text: String) -> String {
        words(in: text).joined(separator: " ")
    }

    /// The folded words of `text` (a query or a record's fields).
    public static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if let folded = fold(character) {
                current += folded
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A letter or digit as folded; nil for anything that separates words. Characters compare by
    /// canonical equivalence, so a decomposed "å" (a + ring) is found like a precomposed one.
    private static func fold(_ character: Character) -> String? {
        if let replacement = latin[character] { return replacement }
        return character.isLetter || character.isNumber ? String(character) : nil
    }

    /// Latin letters with marks (Latin-1 Supplement and Latin Extended-A) as folded. Hand-written
    /// because PraktikCore imports no Foundation, whose Unicode decomposition would serve.
    private static let latin: [Character: String] = {
        var table: [Character: String] = ["æ": "ä", "ø": "ö", "ß": "ss", "þ": "th", "ð": "d", "œ": "oe", "ĳ": "ij"]
        let groups: [(String, String)] = [
            ("a", "àáâãāăą"), ("c", "çćĉċč"), ("d", "ďđ"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
            ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõōŏő"), ("r", "ŕŗř"),
            ("s", "śŝşšſ"), ("t", "ţťŧ"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
        ]
        for (base, marked) in groups {
            for character in marked { table[character] = base }
        }
        return table
    }()
}
