/// The translated names of a string-backed enumeration's values (`place-status.open`), looked
/// up once for a page rather than once per row, where each row's key was a new string and a lookup
/// in the translations.
struct ValueLabels: Sendable {
    private let words: Words
    private let prefix: String
    private let byRawValue: [String: String]

    /// Every value of `type`, labelled `<prefix>.<raw value>` in `words`' language.
    init<Value: CaseIterable & RawRepresentable>(_ type: Value.Type, prefix: String, _ words: Words) where Value.RawValue == String {
        self.words = words
        self.prefix = prefix
        byRawValue = Dictionary(uniqueKeysWithValues: type.allCases.map { ($0.rawValue, words("\(prefix).\($0.rawValue)")) })
    }

    /// The label of `rawValue`; one the enumeration does not have is looked up as its key would be.
    subscript(_ rawValue: String) -> String {
        byRawValue[rawValue] ?? words("\(prefix).\(rawValue)")
    }
}
