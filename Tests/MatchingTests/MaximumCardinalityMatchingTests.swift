import Testing

@testable import Matching

@Suite struct MaximumCardinalityMatchingTests {
    @Test func fillsAsManySeatsAsBruteForce() {
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<300 {
            let round = randomInstance(&generator, density: 0.35)
            let matching = MaximumCardinalityMatching.assignment(for: round)
            #expect(AssignmentCheck.problems(in: matching, for: round).isEmpty)
            #expect(matching.filledSeats == bruteForceOptimum(round).filled)
        }
    }

    @Test func findsLongAugmentingPaths() throws {
        // A chain where the greedy start blocks everything: only re-routing fills all seats.
        let round = try instance(
            applicants: 4, capacities: [1, 1, 1, 1],
            [(0, 0, 1), (0, 1, 1), (1, 1, 1), (1, 2, 1), (2, 2, 1), (2, 3, 1), (3, 0, 1)])
        #expect(MaximumCardinalityMatching.assignment(for: round).filledSeats == 4)
    }
}
