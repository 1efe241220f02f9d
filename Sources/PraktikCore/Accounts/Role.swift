/// The roles of DESIGN.md. Every route names the roles that may call it; a role's reach is further
/// narrowed by scope (a case worker's unit, an employer contact's workplaces, a participant's self).
public enum Role: String, CaseIterable, Codable, Sendable, Hashable {
    case admin
    case caseWorker = "case_worker"
    case employerContact = "employer_contact"
    case analyst
    case participant

    /// A case worker belongs to exactly one unit: their whole view of participants is that unit's.
    public var requiresUnit: Bool { self == .caseWorker }

    /// Analysts read aggregates only; they never open a person's record.
    public var mayOpenPersonRecords: Bool { self != .analyst }

    /// Participants sign in with a one-time link sent to their e-mail address, never with a
    /// password: their portal account has no password, and the staff sign-in treats it like an
    /// account that does not exist.
    public var signsInWithPassword: Bool { self != .participant }
}
