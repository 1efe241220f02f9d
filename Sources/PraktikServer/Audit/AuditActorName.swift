import PraktikCore

/// Who did something, in plain words: "Samir Haddad, case worker at Jobbtorg City", or "Praktik
/// itself (retention)" for the system's own jobs. Never a stored role code.
enum AuditActorName {
    static func describe(
        name: String?, storedRole: String, unitName: String?, translate: (String, [String]) -> String
    ) -> String {
        if storedRole.hasPrefix("system:") {
            return translate("audit.actor.system", [])
        }
        guard let role = Role(rawValue: storedRole) else { return translate("audit.actor.anonymous", []) }
        let roleName = translate("role.\(role.rawValue)", [])
        let who = name ?? translate("audit.actor.removed-account", [])
        if let unitName, !unitName.isEmpty {
            return translate("audit.actor.with-unit", [who, roleName.lowercased(), unitName])
        }
        return translate("audit.actor.without-unit", [who, roleName.lowercased()])
    }
}
