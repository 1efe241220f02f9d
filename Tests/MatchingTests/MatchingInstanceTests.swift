import Testing

@testable import Matching

@Suite struct MatchingInstanceTests {
    @Test func groupsPairsByApplicantInInputOrder() throws {
        let round = try instance(applicants: 3, capacities: [1, 1, 1], [(2, 0, 1), (0, 2, 5), (2, 1, 2), (0, 0, 4)])
        #expect(round.pairs(ofApplicant: 0).map(\.posting) == [2, 0])
        #expect(round.pairs(ofApplicant: 1).isEmpty)
        #expect(round.pairs(ofApplicant: 2).map(\.posting) == [0, 1])
        #expect(round.seatCount == 3)
    }

    @Test func rejectsBadPairsWithTheirPosition() {
        #expect(throws: MatchingInstanceError(pairIndex: 1, reason: .indexOutOfRange)) {
            try instance(applicants: 1, capacities: [1], [(0, 0, 1), (0, 3, 1)])
        }
        #expect(throws: MatchingInstanceError(pairIndex: 2, reason: .duplicatePair(applicant: "0", posting: "0"))) {
            try instance(applicants: 2, capacities: [1], [(0, 0, 1), (1, 0, 1), (0, 0, 2)])
        }
        #expect(throws: MatchingInstanceError(reason: .negativeCapacity("-1"))) {
            try instance(applicants: 1, capacities: [-1], [])
        }
    }
}
