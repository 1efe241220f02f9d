/// The life of an internship place.
///
/// A place an employer proposes waits as `proposed` until a case worker approves it (it becomes
/// `open`) or turns it down (`closed`). Staff create places as `draft` or straight away as `open`.
public enum PlaceStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case draft
    /// Proposed by an employer contact; not usable until a case worker approves it.
    case proposed
    case open
    /// Every seat is taken; frees up again when a placement ends early.
    case filled
    case closed

    /// Who asks for a change of status: staff (case worker, admin) or the employer's own contact.
    public enum Actor: String, Sendable, Hashable, CaseIterable {
        case staff
        case employer
    }

    /// Why a change of status was refused; `code` is a stable translation key.
    public enum TransitionRefusal: String, Error, Sendable, Hashable, CaseIterable {
        case unchanged = "place-status.refusal.unchanged"
        case notAllowed = "place-status.refusal.not-allowed"
        /// Only staff approve or reject what an employer proposed.
        case needsCaseWorker = "place-status.refusal.needs-case-worker"

        public var code: String { rawValue }
    }

    /// The allowed changes and who may make them. Anything not listed is refused.
    public static let transitions: [PlaceStatus: [PlaceStatus: Set<Actor>]] = [
        .draft: [.proposed: [.employer], .open: [.staff], .closed: [.staff, .employer]],
        .proposed: [.open: [.staff], .closed: [.staff, .employer], .draft: [.employer]],
        .open: [.filled: [.staff], .closed: [.staff, .employer]],
        .filled: [.open: [.staff], .closed: [.staff]],
        .closed: [.draft: [.staff], .open: [.staff]],
    ]

    /// Whether `actor` may move a place from this status to `target`; throws the reason if not.
    public func checkTransition(to target: PlaceStatus, by actor: Actor) throws(TransitionRefusal) {
        guard target != self else { throw .unchanged }
        guard let actors = Self.transitions[self]?[target] else { throw .notAllowed }
        guard actors.contains(actor) else {
            throw actor == .employer && self == .proposed ? .needsCaseWorker : .notAllowed
        }
    }

    /// The statuses `actor` may move to from here, in declaration order (for the buttons shown).
    public func possibleTargets(for actor: Actor) -> [PlaceStatus] {
        Self.allCases.filter { (try? checkTransition(to: $0, by: actor)) != nil }
    }

    /// An employer contact edits a place only before it is approved: an open place's terms are what
    /// the case worker approved and what participants were matched against.
    public var employerMayEdit: Bool { self == .draft || self == .proposed }

    /// The status a new place starts in: an employer's proposal waits for approval.
    public static func initial(for actor: Actor) -> PlaceStatus {
        actor == .employer ? .proposed : .draft
    }
}
