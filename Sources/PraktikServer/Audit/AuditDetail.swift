import Foundation

/// The audit log's short `detail` notes, written for people: "changed=email,phone" becomes
/// "Changed: E-mail, Phone", "status=proposed->open" becomes "Proposed → Open". Ids and codes the
/// note holds never reach the page; a note this does not know is shown only if it holds neither.
struct AuditDetail {
    let translate: (String, [String]) -> String

    /// Field names that `changed=` notes use, and the label each is shown with.
    static let fieldLabelKeys: [String: String] = [
        "first_name": "participant.first-name", "last_name": "participant.last-name", "email": "participant.email",
        "phone": "participant.phone", "postal_address": "participant.postal-address",
        "person_identifier": "participant.person-number", "identifier_kind": "participant.identifier-kind",
        "birth_year": "participant.birth-year", "gender": "participant.gender", "birth_region": "participant.birth-region",
        "education_level": "participant.education-level", "education_field": "participant.education-field",
        "benefit_type": "participant.benefit-type", "unit": "participant.unit", "responsible": "participant.responsible",
        "display_name": "users.name", "role": "users.role", "language": "account.language", "is_active": "users.status",
    ]

    func describe(_ detail: String?) -> String {
        guard let detail, !detail.isEmpty else { return "" }
        if detail.hasPrefix("changed=") {
            let fields = detail.dropFirst("changed=".count).split(separator: ",").map(String.init)
            let labels = fields.map { Self.fieldLabelKeys[$0].map { text($0) } ?? readable($0) }
            return text("audit.detail.changed", labels.joined(separator: ", "))
        }
        if detail.hasPrefix("status=") {
            let states = detail.dropFirst("status=".count).components(separatedBy: "->")
            return states.map { text("place-status.\($0)") }.joined(separator: " → ")
        }
        if detail.hasPrefix("consent "), let (purpose, action) = pair(detail.dropFirst("consent ".count)) {
            return text("audit.detail.consent", text("consent-purpose.\(purpose)"), text("consent.action.\(action)"))
        }
        if detail.hasPrefix("exit reason=") {
            return text("audit.detail.exit", text("exit-reason.\(detail.dropFirst("exit reason=".count))"))
        }
        if detail.hasPrefix("outcome "), let (horizon, status) = pair(detail.dropFirst("outcome ".count)) {
            return text("outcome-horizon.\(horizon)") + ": " + text("outcome-status.\(status)")
        }
        if detail.hasPrefix("transfer=") { return text("transfer-status.\(detail.dropFirst("transfer=".count))") }
        if detail == Self.registrationRefused { return text("audit.detail.registration-refused") }
        if detail.hasPrefix("role=") { return text("role.\(detail.dropFirst("role=".count))") }
        if detail.hasPrefix("user=") { return "" }
        if detail.hasPrefix("count=") { return text("audit.detail.count", String(detail.dropFirst("count=".count))) }
        if detail == "personnummer" { return text("audit.detail.full-person-number") }
        let parts = Dictionary(
            detail.split(separator: ",").compactMap { part -> (String, String)? in pair(part) }, uniquingKeysWith: { first, _ in first })
        if let from = parts["from"], let to = parts["to"] { return from + " – " + to }
        if let employers = parts["employers"], let workplaces = parts["workplaces"], let places = parts["places"] {
            return text("audit.detail.import", employers, workplaces, places)
        }
        if let (_, result) = pair(Substring(detail)), ["passed", "failed"].contains(result) {
            return text("check.result.\(result)")
        }
        return Self.looksInternal(detail) ? "" : detail
    }

    /// A registration refused because a record the person registering may not see holds the number:
    /// noted on that record, so the person's own access log shows who learned that it exists.
    static let registrationRefused = "registration=refused"

    /// Holds an id or a `snake_case` code: not for a page.
    static func looksInternal(_ text: String) -> Bool {
        text.contains(where: { $0 == "_" || $0 == "=" })
            || text.range(of: #"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-"#, options: .regularExpression) != nil
    }

    private func text(_ key: String, _ arguments: String...) -> String { translate(key, arguments) }

    private func readable(_ field: String) -> String { field.replacingOccurrences(of: "_", with: " ") }

    private func pair(_ text: Substring) -> (String, String)? {
        let halves = text.split(separator: "=", maxSplits: 1).map(String.init)
        return halves.count == 2 ? (halves[0], halves[1]) : nil
    }
}
