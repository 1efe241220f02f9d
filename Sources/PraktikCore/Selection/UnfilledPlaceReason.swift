/// Why a place of an intake still has empty seats (issue 12, seed 004: over half of the places of
/// 2023 went unfilled while eligible applicants waited). One coded list, computed from the records
/// in a fixed order (the first that applies), which a case worker may override with a note.
public enum UnfilledPlaceReason: String, CaseIterable, Codable, Sendable, Hashable {
    /// The place was closed with seats still empty.
    case employerWithdrew = "employer_withdrew"
    /// The place could not be used when matching ran (a required employer check missing or
    /// expired, the employer inactive), so nobody could be proposed for it.
    case placeNotUsable = "place_not_usable"
    /// Applicants were still waiting for screening, and no eligible one fitted the place.
    case eligibilityPending = "eligibility_pending"
    /// No eligible applicant passed the place's hard filters (field, district, language, period).
    case noEligibleCandidate = "no_eligible_candidate"
    /// A shortlist was published, and the employer never opened it.
    case shortlistNotReviewed = "shortlist_not_reviewed"
    /// The employer opened the shortlist but held no interview and offered nobody.
    case noInterviewHeld = "no_interview_held"
    /// Interviews were held, and the employer offered the place to nobody.
    case notSelectedAfterInterview = "not_selected_after_interview"
    /// Offers were made and declined, or not answered in time.
    case candidatesDeclined = "candidates_declined"

    public var key: String { "unfilled-reason.\(rawValue)" }

    /// What the records say about one place of an intake.
    public struct Facts: Sendable, Hashable {
        public var emptySeats: Int
        public var isClosed: Bool
        /// The place was usable on the day of the latest run (or today, without a run).
        public var wasUsable: Bool
        /// Some run of the intake proposed a candidate for the place.
        public var hadCandidates: Bool
        /// The place has a list in force (the first round published last, or a second round on it).
        public var onPublishedList: Bool
        /// A contact of the place's workplace opened the published lists after publication.
        public var employerOpenedList: Bool
        /// Offers for the place that were declined, withdrawn or not answered in time.
        public var offersNotAccepted: Int
        /// Interviews for the place that were held.
        public var interviewsHeld: Int
        /// Applications of the intake still waiting for screening.
        public var pendingApplications: Int

        public init(
            emptySeats: Int, isClosed: Bool, wasUsable: Bool, hadCandidates: Bool, onPublishedList: Bool, employerOpenedList: Bool,
            offersNotAccepted: Int, interviewsHeld: Int = 0, pendingApplications: Int
        ) {
            self.emptySeats = emptySeats
            self.isClosed = isClosed
            self.wasUsable = wasUsable
            self.hadCandidates = hadCandidates
            self.onPublishedList = onPublishedList
            self.employerOpenedList = employerOpenedList
            self.offersNotAccepted = offersNotAccepted
            self.interviewsHeld = interviewsHeld
            self.pendingApplications = pendingApplications
        }
    }

    /// The reason for a place with empty seats; nil for a place whose seats are all taken.
    public static func reason(_ facts: Facts) -> UnfilledPlaceReason? {
        guard facts.emptySeats > 0 else { return nil }
        if facts.isClosed { return .employerWithdrew }
        if facts.offersNotAccepted > 0 { return .candidatesDeclined }
        if facts.interviewsHeld > 0 { return .notSelectedAfterInterview }
        if facts.onPublishedList { return facts.employerOpenedList ? .noInterviewHeld : .shortlistNotReviewed }
        if !facts.wasUsable && !facts.hadCandidates { return .placeNotUsable }
        if !facts.hadCandidates { return facts.pendingApplications > 0 ? .eligibilityPending : .noEligibleCandidate }
        // Proposed in a run whose lists were never published: the employer never saw them.
        return .shortlistNotReviewed
    }
}
