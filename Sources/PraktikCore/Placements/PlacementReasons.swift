/// Why a running placement ended before its planned end (avbrott).
public enum PlacementEndReason: String, CaseIterable, Codable, Sendable, Hashable {
    /// Got work or a place in education: the best reason to end early.
    case workOrStudies = "work_or_studies"
    case illness
    case participantEnded = "participant_ended"
    case employerEnded = "employer_ended"
    case absence
    case otherProgramme = "other_programme"
    case movedAway = "moved_away"
    case other
}

/// Why a placement runs longer than decided.
public enum PlacementExtensionReason: String, CaseIterable, Codable, Sendable, Hashable {
    /// The purpose needs more time (language, training).
    case purposeNeedsTime = "purpose_needs_time"
    /// Employment at the workplace is in sight.
    case employmentInSight = "employment_in_sight"
    /// Absence (illness, holidays) made the placement shorter than planned.
    case absence
    case other
}

/// Why a decided placement never started.
public enum PlacementCancelReason: String, CaseIterable, Codable, Sendable, Hashable {
    case participantDeclined = "participant_declined"
    case employerWithdrew = "employer_withdrew"
    case participantGotWork = "participant_got_work"
    case placeUnusable = "place_unusable"
    case decidedInError = "decided_in_error"
    case other
}

/// The kind of employment a workplace offered the participant (seed 000: "all kinds of employment").
public enum EmploymentKind: String, CaseIterable, Codable, Sendable, Hashable {
    case permanent
    case fixedTerm = "fixed_term"
    case hourly
    case subsidised
}

/// How a placement came about.
public enum PlacementOrigin: String, CaseIterable, Codable, Sendable, Hashable {
    /// From an application to an intake: the person's eligibility is green or cleared.
    case application
    /// Decided by a case worker without an intake (Stockholm's districts), with a justification.
    case direct
    /// Loaded from an earlier system by the history import.
    case history
}
