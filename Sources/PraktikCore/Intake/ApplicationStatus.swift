/// Where an application to an intake stands. The colour (green, orange, red) is the assessment's;
/// the status is the step of the process.
///
/// A new application waits in the screening queue (`submitted`). A case worker decides it
/// (`eligible`, `notEligible`) or asks the applicant to complete it (`awaitingCompletion`); an
/// answer, or a deadline that passes, puts it back in the queue. Selection offers eligible
/// applicants a place (`offered`), the authority decides the placement (`placed`). When the intake
/// ends, eligible applicants without a place are told so (`notOffered`) and may join the waiting
/// list for the next intake (`waitingList`). The applicant may withdraw at any step before a place.
public enum ApplicationStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case submitted
    case awaitingCompletion = "awaiting_completion"
    case eligible
    case notEligible = "not_eligible"
    case offered
    case placed
    case notOffered = "not_offered"
    case waitingList = "waiting_list"
    case withdrawn

    /// Who asks for the change: a case worker (or admin), the applicant on the status page, or the
    /// system (a deadline that passed, the end of the intake).
    public enum Actor: String, CaseIterable, Sendable, Hashable {
        case staff
        case applicant
        case system
    }

    /// Why a change was refused; `code` is a stable translation key.
    public enum TransitionRefusal: String, Error, Sendable, Hashable, CaseIterable {
        case unchanged = "application-status.refusal.unchanged"
        case notAllowed = "application-status.refusal.not-allowed"
        /// A withdrawn application, or one that ended, cannot be changed any more.
        case finished = "application-status.refusal.finished"

        public var code: String { rawValue }
    }

    /// The allowed changes and who may make them. Anything not listed is refused.
    public static let transitions: [ApplicationStatus: [ApplicationStatus: Set<Actor>]] = [
        .submitted: [
            .awaitingCompletion: [.staff], .eligible: [.staff], .notEligible: [.staff], .withdrawn: [.applicant],
            .notOffered: [.system],
        ],
        .awaitingCompletion: [
            .submitted: [.applicant, .system, .staff], .eligible: [.staff], .notEligible: [.staff], .withdrawn: [.applicant],
            .notOffered: [.system],
        ],
        .eligible: [
            .submitted: [.staff], .awaitingCompletion: [.staff], .notEligible: [.staff], .offered: [.staff, .system],
            .withdrawn: [.applicant],
            .notOffered: [.system],
        ],
        .notEligible: [.submitted: [.staff], .awaitingCompletion: [.staff], .eligible: [.staff], .withdrawn: [.applicant]],
        .offered: [.placed: [.staff], .eligible: [.staff, .system], .withdrawn: [.applicant], .notOffered: [.system]],
        .placed: [:],
        .notOffered: [.waitingList: [.applicant], .withdrawn: [.applicant]],
        .waitingList: [.notOffered: [.applicant], .withdrawn: [.applicant]],
        .withdrawn: [:],
    ]

    public func checkTransition(to target: ApplicationStatus, by actor: Actor) throws(TransitionRefusal) {
        guard target != self else { throw .unchanged }
        guard let targets = Self.transitions[self], !targets.isEmpty else { throw .finished }
        guard targets[target]?.contains(actor) == true else { throw .notAllowed }
    }

    public func possibleTargets(for actor: Actor) -> [ApplicationStatus] {
        Self.allCases.filter { (try? checkTransition(to: $0, by: actor)) != nil }
    }

    /// Waiting for a case worker: what the screening queue shows by default.
    public var isInQueue: Bool { self == .submitted }

    /// Still taking part in the intake: not withdrawn, refused or ended.
    public var isActive: Bool { [.submitted, .awaitingCompletion, .eligible, .offered].contains(self) }

    /// The statuses a case worker may set by decision, with the colour the decision records.
    public static let decisions: [EligibilityColour: ApplicationStatus] = [.green: .eligible, .red: .notEligible]

    /// What happens to an application when its intake ends: eligible applicants without a place,
    /// and those never decided, are told they were not offered a place; a withdrawn, refused or
    /// placed application stays as it is. Nil: no change.
    public var statusAtEndOfIntake: ApplicationStatus? {
        switch self {
        case .submitted, .awaitingCompletion, .eligible, .offered: .notOffered
        case .notEligible, .placed, .notOffered, .waitingList, .withdrawn: nil
        }
    }
}
