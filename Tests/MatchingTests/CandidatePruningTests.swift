import Testing

@testable import Matching

@Suite struct CandidatePruningTests {
    @Test func keepsEachSidesBestPairs() throws {
        // Applicant 0 keeps its best (posting 2), applicant 1 its best (posting 0); postings 0 and
        // 1 keep their best applicant each (1 and 0). Pair (1, 1) is nobody's best.
        let round = try instance(
            applicants: 2, capacities: [1, 1, 1],
            [(0, 0, 1), (0, 1, 2), (0, 2, 3), (1, 0, 5), (1, 1, 0)])
        let keep = CandidatePruning(keeping: 1).candidates(in: round)
        let kept = (0..<round.pairCount).filter { keep[$0] != 0 }
        // Pairs in applicant order: (0,0,1) (0,1,2) (0,2,3) (1,0,5) (1,1,0).
        #expect(kept == [1, 2, 3])
    }

    @Test func pruningNeverCostsASeat() {
        var generator = SeededGenerator(seed: 4_242)
        for _ in 0..<300 {
            let round = randomInstance(&generator, density: 0.7)
            let outcome = AssignmentSolver(pruning: CandidatePruning(keeping: 1)).solve(round)
            let best = bruteForceOptimum(round)
            #expect(AssignmentCheck.problems(in: outcome.assignment, for: round).isEmpty)
            #expect(outcome.assignment.filledSeats == best.filled)
            guard let report = outcome.pruning else {
                Issue.record("a pruned solve must report on its pruning")
                continue
            }
            // The reported bound is a true upper bound on the unpruned optimum.
            #expect(report.scoreUpperBound >= best.score)
            #expect(outcome.assignment.totalScore <= best.score)
        }
    }

    @Test func generousPruningIsExact() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<100 {
            let round = randomInstance(&generator)
            let outcome = AssignmentSolver(pruning: CandidatePruning(keeping: 10)).solve(round)
            let best = bruteForceOptimum(round)
            #expect(outcome.assignment.totalScore == best.score)
            #expect(outcome.pruning?.pairsKept == round.pairCount)
        }
    }

    @Test func refinementProvesTheUnprunedOptimumInPerfectRounds() throws {
        var generator = SeededGenerator(seed: 1_234)
        var proven = 0
        for _ in 0..<200 {
            let applicants = Int.random(in: 3...7, using: &generator)
            let postings = Int.random(in: 2...5, using: &generator)
            var capacities = [Int](repeating: 0, count: postings)
            for _ in 0..<applicants { capacities[Int.random(in: 0..<postings, using: &generator)] += 1 }
            var pairs: [ScoredPair] = []
            for applicant in 0..<applicants {
                for posting in 0..<postings where Bool.random(using: &generator) || posting == applicant % postings {
                    pairs.append(
                        ScoredPair(
                            applicant: applicant, posting: posting, score: Int.random(in: 0...20, using: &generator)))
                }
            }
            let round = try MatchingInstance(applicantCount: applicants, postingCapacities: capacities, pairs: pairs)
            let outcome = AssignmentSolver(pruning: CandidatePruning(keeping: 1, refinementRounds: 10)).solve(round)
            let best = bruteForceOptimum(round)
            #expect(outcome.assignment.filledSeats == best.filled)
            #expect(AssignmentCheck.problems(in: outcome.assignment, for: round).isEmpty)
            let report = try #require(outcome.pruning)
            #expect(report.scoreUpperBound >= best.score)
            if report.provenOptimal {
                proven += 1
                #expect(outcome.assignment.totalScore == best.score)
                #expect(report.scoreUpperBound == best.score)
            }
        }
        #expect(proven > 30)
    }

    @Test func boundIsTightWhenNothingIsPruned() throws {
        let round = try instance(
            applicants: 3, capacities: [1, 2], [(0, 0, 7), (1, 0, 9), (1, 1, 4), (2, 1, 6), (0, 1, 3)])
        let outcome = AssignmentSolver(pruning: CandidatePruning(keeping: 5)).solve(round)
        #expect(outcome.pruning?.scoreUpperBound == outcome.assignment.totalScore)
        #expect(outcome.pruning?.guaranteedScoreRatio == 1)
    }
}
