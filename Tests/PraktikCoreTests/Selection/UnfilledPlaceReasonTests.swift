import PraktikCore
import Testing

@Suite("Why a place stayed empty")
struct UnfilledPlaceReasonTests {
    static let base = UnfilledPlaceReason.Facts(
        emptySeats: 1, isClosed: false, wasUsable: true, hadCandidates: true, onPublishedList: true, employerOpenedList: true,
        offersNotAccepted: 0, pendingApplications: 0)

    static func reason(_ change: (inout UnfilledPlaceReason.Facts) -> Void) -> UnfilledPlaceReason? {
        var facts = base
        change(&facts)
        return UnfilledPlaceReason.reason(facts)
    }

    @Test("a full place has no reason")
    func full() {
        #expect(Self.reason { $0.emptySeats = 0 } == nil)
    }

    @Test("each reason from the facts that lead to it, the first that applies winning")
    func eachReason() {
        #expect(
            Self.reason {
                $0.isClosed = true; $0.offersNotAccepted = 2
            } == .employerWithdrew)
        #expect(Self.reason { $0.offersNotAccepted = 1 } == .candidatesDeclined)
        #expect(Self.reason { _ in } == .noInterviewHeld)
        #expect(Self.reason { $0.interviewsHeld = 2 } == .notSelectedAfterInterview)
        #expect(
            Self.reason {
                $0.interviewsHeld = 2; $0.offersNotAccepted = 1
            } == .candidatesDeclined)
        #expect(Self.reason { $0.employerOpenedList = false } == .shortlistNotReviewed)
        #expect(
            Self.reason {
                $0.onPublishedList = false; $0.hadCandidates = false; $0.wasUsable = false
            } == .placeNotUsable)
        #expect(
            Self.reason {
                $0.onPublishedList = false; $0.hadCandidates = false
            } == .noEligibleCandidate)
        #expect(
            Self.reason {
                $0.onPublishedList = false; $0.hadCandidates = false; $0.pendingApplications = 3
            } == .eligibilityPending)
        // Proposed in a run never published: the employer never had a list to review.
        #expect(Self.reason { $0.onPublishedList = false } == .shortlistNotReviewed)
    }
}
