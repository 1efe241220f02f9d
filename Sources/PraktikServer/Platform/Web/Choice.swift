/// One option of a select list or radio group. Its label is a translation key, or for data such
/// as unit names, plain text.
struct Choice: Encodable, Sendable {
    let value: String
    let labelKey: String
    let label: String?
    let isSelected: Bool

    init(value: String, labelKey: String, isSelected: Bool) {
        self.value = value
        self.labelKey = labelKey
        self.label = nil
        self.isSelected = isSelected
    }

    init(value: String, label: String, isSelected: Bool) {
        self.value = value
        self.labelKey = ""
        self.label = label
        self.isSelected = isSelected
    }

    /// Options for every value of a string-backed enum, labelled `<prefix>.<raw value>`.
    static func all<Value: CaseIterable & RawRepresentable>(_ type: Value.Type, prefix: String, selected: String?) -> [Choice]
    where Value.RawValue == String {
        type.allCases.map { Choice(value: $0.rawValue, labelKey: "\(prefix).\($0.rawValue)", isSelected: $0.rawValue == selected) }
    }
}
