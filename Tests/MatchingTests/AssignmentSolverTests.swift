import Testing

@testable import Matching

@Suite struct AssignmentSolverTests {
    @Test func fillingASeatBeatsAnyScore() throws {
        // Applicant 0 scores 90 on posting 0, but only applicant 0 can take posting 1: placing both
        // (10 + 5) beats the single best placement (90).
        let round = try instance(applicants: 2, capacities: [1, 1], [(0, 0, 90), (0, 1, 10), (1, 0, 5)])
        let result = AssignmentSolver().solve(round).assignment
        #expect(result.filledSeats == 2)
        #expect(result.totalScore == 15)
        #expect(result.placements.map(\.posting) == [1, 0])
    }

    @Test func capacitiesAboveOneAreFilled() throws {
        let round = try instance(
            applicants: 4, capacities: [3, 1],
            [(0, 0, 5), (1, 0, 6), (2, 0, 7), (3, 0, 8), (3, 1, 1)])
        let result = AssignmentSolver().solve(round).assignment
        #expect(result.filledSeats == 4)
        #expect(result.totalScore == 5 + 6 + 7 + 1)
        #expect(AssignmentCheck.problems(in: result, for: round).isEmpty)
    }

    @Test func applicantsWithoutPairsAndPostingsWithoutSeatsAreLeftAlone() throws {
        let round = try instance(applicants: 3, capacities: [0, 2], [(0, 0, 9), (1, 1, 4)])
        let result = AssignmentSolver().solve(round).assignment
        #expect(result.placements == [Placement(applicant: 1, posting: 1, score: 4)])
    }

    @Test func zeroPostingsAndZeroApplicants() throws {
        let noPostings = try instance(applicants: 3, capacities: [], [])
        #expect(AssignmentSolver().solve(noPostings).assignment.filledSeats == 0)
        let noApplicants = try instance(applicants: 0, capacities: [2, 1], [])
        #expect(AssignmentSolver().solve(noApplicants).assignment.filledSeats == 0)
    }

    @Test func tiesAreBrokenTheSameWayEveryTime() throws {
        let round = try instance(
            applicants: 3, capacities: [1, 1, 1],
            [(0, 0, 5), (0, 1, 5), (1, 0, 5), (1, 1, 5), (2, 1, 5), (2, 2, 5)])
        let first = AssignmentSolver().solve(round).assignment
        #expect(first.filledSeats == 3)
        #expect(first.totalScore == 15)
        for _ in 0..<5 { #expect(AssignmentSolver().solve(round).assignment == first) }
    }

    @Test func scarceSeatsGoToTheBestApplicants() throws {
        let round = try instance(applicants: 3, capacities: [1], [(0, 0, 3), (1, 0, 9), (2, 0, 4)])
        #expect(
            AssignmentSolver().solve(round).assignment.placements == [Placement(applicant: 1, posting: 0, score: 9)])
    }

    @Test func matchesBruteForceOnRandomRounds() {
        var generator = SeededGenerator(seed: 20_231)
        var warmStarts = 0
        for _ in 0..<400 {
            let round = randomInstance(&generator)
            let result = AssignmentSolver().solve(round).assignment
            let best = bruteForceOptimum(round)
            #expect(AssignmentCheck.problems(in: result, for: round).isEmpty)
            #expect(result.filledSeats == best.filled)
            #expect(result.totalScore == best.score)
            if round.auctionPrices() != nil { warmStarts += 1 }
        }
        // Both the cold start and the auction warm start must have been exercised.
        #expect(warmStarts > 5)
    }

    @Test func squareRoundsTakeTheWarmStartAndStayOptimal() throws {
        var generator = SeededGenerator(seed: 77)
        var warmStarts = 0
        for _ in 0..<300 {
            // As many seats as applicants, spread at random over the postings.
            let applicants = Int.random(in: 2...7, using: &generator)
            let postings = Int.random(in: 1...5, using: &generator)
            var capacities = [Int](repeating: 0, count: postings)
            for _ in 0..<applicants { capacities[Int.random(in: 0..<postings, using: &generator)] += 1 }
            var pairs: [ScoredPair] = []
            for applicant in 0..<applicants {
                for posting in 0..<postings
                where Double.random(in: 0..<1, using: &generator) < 0.6 || posting == applicant % postings {
                    pairs.append(
                        ScoredPair(
                            applicant: applicant, posting: posting, score: Int.random(in: 0...30, using: &generator)))
                }
            }
            let round = try MatchingInstance(applicantCount: applicants, postingCapacities: capacities, pairs: pairs)
            if round.auctionPrices() != nil { warmStarts += 1 }
            let result = AssignmentSolver().solve(round).assignment
            let best = bruteForceOptimum(round)
            #expect(AssignmentCheck.problems(in: result, for: round).isEmpty)
            #expect(result.filledSeats == best.filled)
            #expect(result.totalScore == best.score)
        }
        #expect(warmStarts > 50)
    }

    @Test func negativeAndLargeScoresAreHandled() throws {
        let round = try instance(
            applicants: 3, capacities: [1, 1],
            [(0, 0, -5), (1, 0, 2_000_000_000), (1, 1, -2_000_000_000), (2, 1, -7)])
        let result = AssignmentSolver().solve(round).assignment
        let best = bruteForceOptimum(round)
        #expect(result.filledSeats == best.filled)
        #expect(result.totalScore == best.score)
    }
}
