import PraktikCore
import Vapor

/// Validation problems of a submitted form: field name to the key of a localised message.
/// Services throw it; controllers render the form again with the input kept and the messages shown,
/// with `status`: 409 when every problem is a value another record already holds (a duplicate,
/// whether found by the service's check or by the unique index in a race), else 400.
struct FormErrors: Error, Sendable, Equatable {
    var fields: [String: String] = [:]
    /// Fields whose value is taken by another record.
    var duplicateFields: Set<String> = []

    /// A value that another record already holds, e.g. `.duplicate("address", "workplace.duplicate")`.
    static func duplicate(_ field: String, _ messageKey: String) -> FormErrors {
        FormErrors(fields: [field: messageKey], duplicateFields: [field])
    }

    var isEmpty: Bool { fields.isEmpty }

    var status: HTTPResponseStatus {
        !fields.isEmpty && Set(fields.keys).isSubset(of: duplicateFields) ? .conflict : .badRequest
    }

    mutating func add(_ field: String, _ messageKey: String) {
        if fields[field] == nil { fields[field] = messageKey }
    }

    mutating func addDuplicate(_ field: String, _ messageKey: String) {
        if fields[field] == nil {
            fields[field] = messageKey
            duplicateFields.insert(field)
        }
    }

    /// A free-text field, trimmed and checked against its limit in `FieldLimit` (and filled in, when
    /// `required`); a problem is added next to the field.
    mutating func text(_ field: String, _ raw: String, _ limit: FieldLimit, required: Bool = false) -> String {
        let checked = FieldText.check(raw, limit, required: required)
        if let problem = checked.problem { add(field, problem) }
        return checked.text
    }

    func throwIfAny() throws {
        if !isEmpty { throw self }
    }
}
