/// What may be written to a participant's record, and when.
///
/// The right to document a participant ends at exit; after exit only outcome follow-ups may be
/// recorded, and only while the person's consent to post-exit contact is active (seed 002). An
/// erased record takes nothing at all.
public enum ParticipantRecordPolicy {
    public enum Write: Sendable, Equatable {
        /// Personal details, languages, target groups, unit, responsible case worker.
        case editDetails
        /// An outcome follow-up (after exit: 3, 6, 12 months).
        case recordOutcomeFollowUp
        /// The outcome recorded at exit, in the same step as the exit itself.
        case recordOutcomeAtExit
        case exit
        /// Consent is the person's own decision and is recorded whatever the record's state.
        case recordConsent
    }

    public enum Refusal: String, Error, Sendable, Equatable, CaseIterable {
        case exitedRecordIsReadOnly = "participant.refusal.exited-read-only"
        case noPostExitConsent = "participant.refusal.no-post-exit-consent"
        case followUpBeforeExit = "participant.refusal.follow-up-before-exit"
        case alreadyExited = "participant.refusal.already-exited"
        case erased = "participant.refusal.erased"
        /// An outcome "3 months after exit" saved two days after the exit describes nothing yet.
        case horizonNotReached = "participant.refusal.horizon-not-reached"

        public var messageKey: String { rawValue }
    }

    /// Whether an outcome follow-up at `horizon` may be recorded on `day` for a person who left on
    /// `exitDate`: only from `horizon.firstDay(afterExit:)` on. Nil when it may.
    public static func horizonRefusal(_ horizon: OutcomeHorizon, exitDate: CivilDate?, on day: CivilDate) -> Refusal? {
        guard let exitDate else { return .followUpBeforeExit }
        return day < horizon.firstDay(afterExit: exitDate) ? .horizonNotReached : nil
    }

    /// Nil when the write is allowed, else the reason it is not.
    public static func refusal(
        of write: Write, status: ParticipantStatus, isErased: Bool, postExitConsentActive: Bool
    ) -> Refusal? {
        if isErased { return .erased }
        switch (write, status) {
        case (.recordConsent, _):
            return nil
        case (.editDetails, .active), (.exit, .active), (.recordOutcomeAtExit, .active):
            return nil
        case (.editDetails, .exited), (.recordOutcomeAtExit, .exited):
            return .exitedRecordIsReadOnly
        case (.exit, .exited):
            return .alreadyExited
        case (.recordOutcomeFollowUp, .active):
            return .followUpBeforeExit
        case (.recordOutcomeFollowUp, .exited):
            return postExitConsentActive ? nil : .noPostExitConsent
        }
    }
}
