/// The life of a placement, as one table of allowed actions (like `PlaceStatus`).
///
/// A decided placement is `planned` until the participant starts. It then runs (`active`) until it
/// is `completed` at its planned end, or ends early (`interrupted`, with a reason). A planned
/// placement that never starts is `cancelled`. Extending moves the planned end later, with a reason,
/// and keeps the status. The three final statuses never change again: a correction is a new placement.
public enum PlacementStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case planned
    case active
    /// Ended before its planned end (avbruten), with a reason.
    case interrupted
    case completed
    /// Decided but never started.
    case cancelled

    /// Planned and running placements hold a seat of their place.
    public var holdsSeat: Bool { self == .planned || self == .active }

    /// The placement has ended (or never happened): only its outcome may still be recorded.
    public var isFinal: Bool { !holdsSeat }

    /// Ended after running: the outcome at exit and the checkpoints after it apply.
    public var hasRun: Bool { self == .completed || self == .interrupted }
}

/// What a case worker can do to a placement.
public enum PlacementAction: String, CaseIterable, Codable, Sendable, Hashable {
    case start
    /// A later planned end, with a reason.
    case extend
    /// Ended on or after the planned end.
    case complete
    /// Ended before the planned end, with a reason.
    case endEarly = "end_early"
    /// Called off before it started, with a reason.
    case cancel

    /// Actions that must say why.
    public var needsReason: Bool { self != .start && self != .complete }
}

/// Why an action on a placement was refused; `code` is a stable translation key.
public enum PlacementTransitionRefusal: String, Error, Sendable, Hashable, CaseIterable {
    case notAllowed = "placement-status.refusal.not-allowed"
    case alreadyFinal = "placement-status.refusal.already-final"
    case reasonRequired = "placement-status.refusal.reason-required"
    case unknownReason = "placement-status.refusal.unknown-reason"
    case dateInFuture = "placement-status.refusal.date-in-future"
    case beforeStart = "placement-status.refusal.before-start"
    case startAfterPlannedEnd = "placement-status.refusal.start-after-planned-end"
    case endsBeforePlannedEnd = "placement-status.refusal.ends-before-planned-end"
    case notBeforePlannedEnd = "placement-status.refusal.not-before-planned-end"
    case extensionNotLater = "placement-status.refusal.extension-not-later"
    case extensionTooLong = "placement-status.refusal.extension-too-long"
    /// An accepted offer waits for the authority's decision: it can be decided or called off, nothing else.
    case awaitingDecision = "placement-status.refusal.awaiting-decision"

    public var code: String { rawValue }
}

extension PlacementStatus {
    /// The allowed actions and where each leads. Anything not listed is refused.
    public static let transitions: [PlacementStatus: [PlacementAction: PlacementStatus]] = [
        .planned: [.start: .active, .extend: .planned, .cancel: .cancelled],
        .active: [.extend: .active, .complete: .completed, .endEarly: .interrupted],
    ]

    /// The facts an action is judged against; dates are calendar dates.
    public struct ActionFacts: Sendable, Hashable {
        public var today: CivilDate
        public var plannedStart: CivilDate
        public var plannedEnd: CivilDate
        public var actualStart: CivilDate?
        /// The date the action names: the start or end date, or the new planned end of an extension.
        public var date: CivilDate
        public var reason: String?
        /// The longest a placement may run, in days from its (actual or planned) start; nil: no limit.
        public var maximumDays: Int?
        /// False for an accepted offer the authority has not decided yet.
        public var isDecided: Bool

        public init(
            today: CivilDate, plannedStart: CivilDate, plannedEnd: CivilDate, actualStart: CivilDate? = nil, date: CivilDate,
            reason: String? = nil, maximumDays: Int? = nil, isDecided: Bool = true
        ) {
            self.isDecided = isDecided
            self.today = today
            self.plannedStart = plannedStart
            self.plannedEnd = plannedEnd
            self.actualStart = actualStart
            self.date = date
            self.reason = reason
            self.maximumDays = maximumDays
        }
    }

    /// Where `action` leads from this status, or why it may not be taken.
    public func target(of action: PlacementAction, _ facts: ActionFacts) throws(PlacementTransitionRefusal) -> PlacementStatus {
        guard let target = Self.transitions[self]?[action] else { throw isFinal ? .alreadyFinal : .notAllowed }
        guard facts.isDecided || Self.undecidedActions.contains(action) else { throw .awaitingDecision }
        let reason = facts.reason.map { String($0.trimmingSurroundingWhitespace()) } ?? ""
        if action.needsReason {
            guard !reason.isEmpty else { throw .reasonRequired }
            let known: Bool =
                switch action {
                case .extend: PlacementExtensionReason(rawValue: reason) != nil
                case .endEarly: PlacementEndReason(rawValue: reason) != nil
                case .cancel: PlacementCancelReason(rawValue: reason) != nil
                case .start, .complete: true
                }
            guard known else { throw .unknownReason }
        }
        let started = facts.actualStart ?? facts.plannedStart
        switch action {
        case .start:
            guard facts.date <= facts.today else { throw .dateInFuture }
            guard facts.date <= facts.plannedEnd else { throw .startAfterPlannedEnd }
        case .extend:
            guard facts.date > facts.plannedEnd else { throw .extensionNotLater }
            if let maximumDays = facts.maximumDays, facts.date.dayNumber - started.dayNumber + 1 > maximumDays {
                throw .extensionTooLong
            }
        case .complete:
            guard facts.date <= facts.today else { throw .dateInFuture }
            guard facts.date >= started else { throw .beforeStart }
            guard facts.date >= facts.plannedEnd else { throw .endsBeforePlannedEnd }
        case .endEarly:
            guard facts.date <= facts.today else { throw .dateInFuture }
            guard facts.date >= started else { throw .beforeStart }
            guard facts.date < facts.plannedEnd else { throw .notBeforePlannedEnd }
        case .cancel:
            break
        }
        return target
    }

    /// The actions offered from this status, in declaration order (for the buttons shown).
    public var possibleActions: [PlacementAction] {
        PlacementAction.allCases.filter { Self.transitions[self]?[$0] != nil }
    }

    /// What may happen to a placement before the authority decided it: only calling it off.
    public static let undecidedActions: Set<PlacementAction> = [.cancel]

    /// The actions offered for a placement decided (or not yet).
    public func possibleActions(isDecided: Bool) -> [PlacementAction] {
        isDecided ? possibleActions : possibleActions.filter { Self.undecidedActions.contains($0) }
    }
}
