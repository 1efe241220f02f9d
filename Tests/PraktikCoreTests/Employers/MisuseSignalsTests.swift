import PraktikCore
import Testing

@Suite("MisuseSignals")
struct MisuseSignalsTests {
    let thresholds = MisuseSignals.Thresholds(
        repeatedPlacements: 2, internsWithoutHire: 5, lookBackDays: 365, maximumInternShare: 0.25, unansweredRequests: 2, answerDays: 14)

    @Test("nothing to report for an ordinary employer")
    func quiet() {
        let activity = MisuseSignals.Activity(
            mostPlacementsOfOneParticipantAtOneWorkplace: 1, internsInWindow: 8, hiresInWindow: 2, currentInterns: 2, employees: 40,
            overdueRequests: 1)
        #expect(MisuseSignals.detect(activity, thresholds: thresholds).isEmpty)
    }

    @Test("the same participant placed again at the same workplace")
    func repeated() {
        #expect(
            MisuseSignals.detect(.init(mostPlacementsOfOneParticipantAtOneWorkplace: 2), thresholds: thresholds) == [.repeatedPlacement])
        #expect(MisuseSignals.detect(.init(mostPlacementsOfOneParticipantAtOneWorkplace: 1), thresholds: thresholds).isEmpty)
    }

    @Test("many interns and no hires; one hire is enough to clear it")
    func noHires() {
        #expect(MisuseSignals.detect(.init(internsInWindow: 5, hiresInWindow: 0), thresholds: thresholds) == [.internsWithoutHires])
        #expect(MisuseSignals.detect(.init(internsInWindow: 4, hiresInWindow: 0), thresholds: thresholds).isEmpty)
        #expect(MisuseSignals.detect(.init(internsInWindow: 50, hiresInWindow: 1), thresholds: thresholds).isEmpty)
    }

    @Test("interns above the share of staff: strictly above the limit")
    func share() {
        #expect(MisuseSignals.detect(.init(currentInterns: 1, employees: 4), thresholds: thresholds).isEmpty)
        #expect(MisuseSignals.detect(.init(currentInterns: 2, employees: 4), thresholds: thresholds) == [.internShareAboveLimit])
        #expect(MisuseSignals.detect(.init(currentInterns: 1, employees: 0), thresholds: thresholds) == [.internShareAboveLimit])
        #expect(MisuseSignals.detect(.init(currentInterns: 3, employees: nil), thresholds: thresholds).isEmpty)
        #expect(MisuseSignals.detect(.init(currentInterns: 0, employees: 0), thresholds: thresholds).isEmpty)
    }

    @Test("unanswered requests")
    func unanswered() {
        #expect(MisuseSignals.detect(.init(overdueRequests: 2), thresholds: thresholds) == [.unansweredRequests])
        #expect(MisuseSignals.detect(.init(overdueRequests: 1), thresholds: thresholds).isEmpty)
    }

    @Test("thresholds are configuration")
    func configured() {
        var strict = thresholds
        strict.internsWithoutHire = 2
        #expect(MisuseSignals.detect(.init(internsInWindow: 2), thresholds: strict) == [.internsWithoutHires])
        #expect(MisuseSignals.detect(.init(internsInWindow: 2), thresholds: thresholds).isEmpty)
    }

    @Test("all four at once, in a stable order")
    func all() {
        let activity = MisuseSignals.Activity(
            mostPlacementsOfOneParticipantAtOneWorkplace: 3, internsInWindow: 9, hiresInWindow: 0, currentInterns: 5, employees: 3,
            overdueRequests: 4)
        #expect(MisuseSignals.detect(activity, thresholds: thresholds) == MisuseSignals.Signal.allCases)
    }
}
