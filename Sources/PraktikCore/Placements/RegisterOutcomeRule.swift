/// Whether an outcome known from a register may be written for a person (seed 002: no notes after
/// exit without voluntary, recorded consent).
///
/// While the person is still enrolled, recording what a register says about them is part of the
/// authority's public task (the legal basis); after exit it needs the post-exit consent. An erased
/// person takes nothing.
public enum RegisterOutcomeRule {
    public enum Refusal: String, Error, Sendable, Hashable, CaseIterable {
        case noConsentOrLegalBasis = "outcome-import.refusal.no-consent"
        case erased = "outcome-import.refusal.erased"

        public var code: String { rawValue }
    }

    public static func refusal(participantStatus: ParticipantStatus, isErased: Bool, postExitConsentActive: Bool) -> Refusal? {
        if isErased { return .erased }
        if participantStatus == .active || postExitConsentActive { return nil }
        return .noConsentOrLegalBasis
    }

    /// The horizon a register's observation on `date` answers for a placement that ended on `end`:
    /// the one whose due date lies within a month before to six weeks after the date, else nil.
    public static func horizon(observedOn date: CivilDate, placementEnd end: CivilDate) -> OutcomeHorizon? {
        OutcomeCheckpoints.horizons.first { horizon in
            let due = OutcomeCheckpoints.dueDate(of: horizon, afterEnd: end)
            return date.dayNumber >= due.dayNumber - 31 && date.dayNumber <= due.dayNumber + 45
        }
    }
}
