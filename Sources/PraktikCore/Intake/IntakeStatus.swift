/// The life of an intake: announced (`planned`), taking applications (`open`), being screened,
/// being matched to places, and ended (`closed`). Applications are taken only while it is open and
/// the date is inside its application window.
public enum IntakeStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case planned
    case open
    case screening
    case matching
    case closed

    public enum TransitionRefusal: String, Error, Sendable, Hashable, CaseIterable {
        case unchanged = "intake-status.refusal.unchanged"
        case notAllowed = "intake-status.refusal.not-allowed"

        public var code: String { rawValue }
    }

    /// The allowed changes. Screening may reopen for late applications; a closed intake stays closed
    /// because its applicants have been told.
    public static let transitions: [IntakeStatus: Set<IntakeStatus>] = [
        .planned: [.open, .closed],
        .open: [.screening, .closed],
        .screening: [.open, .matching, .closed],
        .matching: [.screening, .closed],
        .closed: [],
    ]

    public func checkTransition(to target: IntakeStatus) throws(TransitionRefusal) {
        guard target != self else { throw .unchanged }
        guard Self.transitions[self]?.contains(target) == true else { throw .notAllowed }
    }

    public var possibleTargets: [IntakeStatus] {
        Self.allCases.filter { (try? checkTransition(to: $0)) != nil }
    }

    /// Why an intake refuses a new application today, or nil when it takes one.
    public enum ApplicationRefusal: String, Error, Sendable, Hashable {
        case notYetOpen = "intake.refusal.not-yet-open"
        case closed = "intake.refusal.closed"

        public var code: String { rawValue }
    }

    /// Applications are taken while the intake is open and `today` is inside the window.
    public func applicationRefusal(today: CivilDate, opensOn: CivilDate, closesOn: CivilDate) -> ApplicationRefusal? {
        switch self {
        case .planned: return .notYetOpen
        case .screening, .matching, .closed: return .closed
        case .open:
            if today < opensOn { return .notYetOpen }
            if today > closesOn { return .closed }
            return nil
        }
    }
}
