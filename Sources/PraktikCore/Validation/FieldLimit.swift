/// The longest text each kind of free-text field may hold. One table for every form, the import and
/// the API, so nothing a person types is stored unbounded (a 100,000-character first name was), and
/// the same field has the same limit wherever it is entered.
///
/// Lengths count characters as people see them (`String.count`); the limits are generous for real
/// data: the longest Swedish surnames and Danish addresses fit many times over.
public enum FieldLimit: String, CaseIterable, Sendable {
    /// A first or last name.
    case personName
    /// An e-mail address (RFC 5321: at most 254 characters in a path).
    case email
    case phone
    case postalCode
    /// A short key or code typed by an administrator: a unit's code, a check type's key.
    case code
    /// A name or a title: an employer, workplace, unit or account name, a place's title, an industry,
    /// a city, a district, an occupation field, a language requirement, a job title, a union.
    case name
    /// A street address or postal address.
    case address
    /// Prose: a place's tasks, a note on a check, a consent purpose's wording.
    case text

    public var maximumLength: Int {
        switch self {
        case .personName: 100
        case .email: 254
        case .phone: 40
        case .postalCode: 20
        case .code: 40
        case .name: 200
        case .address: 300
        case .text: 4000
        }
    }

    /// The message shown next to a field whose text is too long (it names the limit).
    public var messageKey: String { "field.too-long.\(maximumLength)" }

    public func admits(_ text: String) -> Bool { text.count <= maximumLength }

    /// Every message key the limits use, for the translation tests.
    public static var messageKeys: Set<String> { Set(allCases.map(\.messageKey)) }
}

/// A text field as a form or a file gives it: trimmed, then checked against its limit and whether
/// it must be filled in.
public enum FieldText {
    public static let requiredKey = "form.required"

    /// The trimmed text, and the problem's message key if there is one.
    public static func check(_ raw: String, _ limit: FieldLimit, required: Bool = false) -> (text: String, problem: String?) {
        let text = String(raw.trimmingSurroundingWhitespace())
        if required && text.isEmpty { return (text, requiredKey) }
        if !limit.admits(text) { return (text, limit.messageKey) }
        return (text, nil)
    }
}
