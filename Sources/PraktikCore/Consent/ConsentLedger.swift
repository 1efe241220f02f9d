/// The legal basis of a processing purpose. Consent is rarely the right basis for a public
/// authority (the person cannot freely refuse the authority); the authority's public task is. Only
/// consent-based data falls under the right to data portability, so the basis is recorded per purpose.
public enum LegalBasis: String, CaseIterable, Codable, Sendable {
    case consent
    case publicTask = "public_task"
}

public enum ConsentAction: String, CaseIterable, Codable, Sendable {
    case given
    case withdrawn
}

/// How the consent reached us.
public enum ConsentChannel: String, CaseIterable, Codable, Sendable {
    case webForm = "web_form"
    case paper
    case portal
    case phone
}

/// The purposes every installation has; an admin can add more.
public enum BuiltInConsentPurpose: String, CaseIterable, Sendable {
    /// Sharing data between the programme, the employment service and partners (seed 004).
    case programmePartners = "programme_partners"
    /// Showing a profile to employers for matching: without it, no employer sees the person at all.
    case employerProfile = "employer_profile"
    /// Contact and documentation after exit, for outcome follow-ups (seed 002).
    case postExitFollowUp = "post_exit_follow_up"
}

/// One entry of the ledger. Entries are never changed; a withdrawal is a new entry.
public struct ConsentEntry: Sendable, Equatable {
    public var purpose: String
    public var action: ConsentAction
    /// Seconds since 1970; the caller's clock.
    public var at: Double
    public var sequence: Int

    public init(purpose: String, action: ConsentAction, at: Double, sequence: Int = 0) {
        self.purpose = purpose
        self.action = action
        self.at = at
        self.sequence = sequence
    }
}

/// Answers "is purpose P active for this person at time t?" from the full history: the latest
/// entry at or before t decides. Ties in time are broken by the order of recording.
public struct ConsentLedger: Sendable {
    public let entries: [ConsentEntry]

    public init(entries: [ConsentEntry]) {
        self.entries = entries.sorted { ($0.at, $0.sequence) < ($1.at, $1.sequence) }
    }

    public func isActive(_ purpose: String, at time: Double) -> Bool {
        entries.last { $0.purpose == purpose && $0.at <= time }?.action == .given
    }

    /// Purposes active at `time`.
    public func activePurposes(at time: Double) -> Set<String> {
        Set(entries.map(\.purpose).filter { isActive($0, at: time) })
    }
}
