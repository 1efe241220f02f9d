/// Validation problems of a submitted form: field name to the key of a localised message.
/// Services throw it; controllers render the form again with the input kept and the messages shown.
struct FormErrors: Error, Sendable, Equatable {
    var fields: [String: String] = [:]

    var isEmpty: Bool { fields.isEmpty }

    mutating func add(_ field: String, _ messageKey: String) {
        if fields[field] == nil { fields[field] = messageKey }
    }

    func throwIfAny() throws {
        if !isEmpty { throw self }
    }
}
