import Testing

@testable import Matching

@Suite struct DeferredAcceptanceTests {
    @Test func resultsHaveNoBlockingPair() {
        var generator = SeededGenerator(seed: 31)
        for _ in 0..<300 {
            let round = randomInstance(&generator, applicants: 0...9, postings: 0...6)
            let stable = DeferredAcceptance.stableAssignment(for: round)
            #expect(AssignmentCheck.problems(in: stable, for: round).isEmpty)
            #expect(DeferredAcceptance.blockingPairs(in: stable, for: round).isEmpty)
        }
    }

    @Test func blockingPairsAreFound() throws {
        let round = try instance(applicants: 2, capacities: [1, 1], [(0, 0, 9), (0, 1, 1), (1, 0, 2), (1, 1, 2)])
        // Applicant 0 on posting 1 while posting 0 holds the weaker applicant 1: (0, 0) blocks.
        let unstable = Assignment(placements: [
            Placement(applicant: 0, posting: 1, score: 1), Placement(applicant: 1, posting: 0, score: 2),
        ])
        #expect(
            DeferredAcceptance.blockingPairs(in: unstable, for: round) == [
                ScoredPair(applicant: 0, posting: 0, score: 9)
            ])
        // An unplaced applicant and a posting with room block too.
        let partial = Assignment(placements: [Placement(applicant: 0, posting: 0, score: 9)])
        #expect(
            DeferredAcceptance.blockingPairs(in: partial, for: round) == [
                ScoredPair(applicant: 1, posting: 1, score: 2)
            ])
    }

    @Test func applicantProposingRespectsCapacities() throws {
        let round = try instance(
            applicants: 4, capacities: [2, 1],
            [(0, 0, 5), (1, 0, 6), (2, 0, 7), (3, 1, 2), (2, 1, 1)])
        let stable = DeferredAcceptance.stableAssignment(for: round)
        #expect(
            stable.placements == [
                Placement(applicant: 1, posting: 0, score: 6), Placement(applicant: 2, posting: 0, score: 7),
                Placement(applicant: 3, posting: 1, score: 2),
            ])
        #expect(DeferredAcceptance.blockingPairs(in: stable, for: round).isEmpty)
    }
}
