/// The languages a place requires, read from the register's free text (`places.language_requirement`,
/// e.g. "Svenska B1", "Svenska B2, engelska", "Engelska", "Svenska grundläggande").
///
/// Each part separated by a comma, "och", "and" or "og" names a language (Swedish, English or Danish
/// in any of the three languages) and optionally a CEFR level or a word for one; a language without
/// a level asks for a basic command (A2). Alternatives ("Dansk eller engelsk") cannot be a hard
/// requirement, since either language would do: such a text requires nothing, and neither does a
/// part naming no language this reader knows. Matching therefore never excludes anyone on words it
/// does not understand.
public enum PlaceLanguageNeeds {
    public struct Need: Sendable, Hashable {
        /// ISO 639-1, as applications record languages.
        public let language: String
        public let minimum: LanguageLevel
    }

    public static func needs(in text: String) -> [Need] {
        let lowered = text.lowercased()
        let words = lowered.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if words.contains(where: alternatives.contains) { return [] }
        var needs: [Need] = []
        var current: (language: String, level: LanguageLevel?)?
        func finish() {
            if let current, !needs.contains(where: { $0.language == current.language }) {
                needs.append(Need(language: current.language, minimum: current.level ?? .a2))
            }
            current = nil
        }
        for part in lowered.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" || $0 == "+" }) {
            for word in part.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) {
                if conjunctions.contains(word) {
                    finish()
                } else if let language = languages[word] {
                    finish()
                    current = (language, nil)
                } else if current != nil, let level = level(of: word) {
                    current?.level = level
                }
            }
            finish()
        }
        return needs
    }

    private static func level(of word: String) -> LanguageLevel? {
        if let level = LanguageLevel(rawValue: word.uppercased()) { return level }
        return levelWords[word]
    }

    private static let alternatives: Set<String> = ["eller", "or"]
    private static let conjunctions: Set<String> = ["och", "and", "og"]
    private static let languages: [String: String] = [
        "svenska": "sv", "svensk": "sv", "swedish": "sv",
        "engelska": "en", "engelsk": "en", "english": "en",
        "danska": "da", "dansk": "da", "danish": "da",
    ]
    private static let levelWords: [String: LanguageLevel] = [
        "grundläggande": .a2, "basic": .a2, "grundlæggende": .a2,
        "god": .b2, "goda": .b2, "good": .b2, "gode": .b2,
        "flytande": .c1, "fluent": .c1, "flydende": .c1,
        "modersmål": .native, "native": .native, "modersmål/native": .native,
    ]
}
