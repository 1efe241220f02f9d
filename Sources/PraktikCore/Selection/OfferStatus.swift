/// The life of an offer of a place, sent to a candidate the employer selected (issue 12).
///
/// An offer holds no seat: the seat is taken when the candidate accepts, by the conditional
/// statement that also guards the authority's direct decisions. So declining or withdrawing gives
/// nothing back, and of several offers for the last seat the first acceptance wins.
public enum OfferStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case offered
    /// The candidate said yes and holds a seat: a planned placement waits for the authority's decision.
    case accepted
    case declined
    /// Taken back: by the employer, or because the candidate left the intake or was erased.
    case withdrawn

    /// Who asks for a change of status.
    public enum Actor: String, Sendable, Hashable, CaseIterable {
        /// The candidate, through the offer's link.
        case candidate
        /// The employer contact who made the offer, or the authority's staff.
        case employer
        /// The system: an erasure or a withdrawn application.
        case system
    }

    public enum TransitionRefusal: String, Error, Sendable, Hashable, CaseIterable {
        case unchanged = "offer-status.refusal.unchanged"
        /// The offer was already answered or taken back.
        case answered = "offer-status.refusal.answered"
        case notAllowed = "offer-status.refusal.not-allowed"

        public var code: String { rawValue }
    }

    /// The allowed changes and who may make them. Anything not listed is refused.
    public static let transitions: [OfferStatus: [OfferStatus: Set<Actor>]] = [
        .offered: [.accepted: [.candidate], .declined: [.candidate], .withdrawn: [.employer, .system]],
        .accepted: [:],
        .declined: [:],
        .withdrawn: [:],
    ]

    public func checkTransition(to target: OfferStatus, by actor: Actor) throws(TransitionRefusal) {
        guard target != self else { throw .unchanged }
        guard let targets = Self.transitions[self], !targets.isEmpty else { throw .answered }
        guard targets[target]?.contains(actor) == true else { throw .notAllowed }
    }

    /// Waiting for the candidate's answer: counts against the place's free seats when the employer
    /// selects more candidates, so an employer cannot send more offers than it has seats.
    public var isOutstanding: Bool { self == .offered }

    /// What a reader is shown: an unanswered offer past its last day reads as expired. Expiry is a
    /// date, not a write, so a link opened late changes nothing.
    public func shown(expiresOn: CivilDate, today: CivilDate) -> ShownOfferStatus {
        switch self {
        case .offered: expiresOn < today ? .expired : .offered
        case .accepted: .accepted
        case .declined: .declined
        case .withdrawn: .withdrawn
        }
    }
}

/// An offer's status as people read it (`offer-status.<raw value>`).
public enum ShownOfferStatus: String, CaseIterable, Sendable, Hashable {
    case offered, accepted, declined, withdrawn, expired

    public var key: String { "offer-status.\(rawValue)" }
}
