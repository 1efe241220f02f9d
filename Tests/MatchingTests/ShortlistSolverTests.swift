import Testing

@testable import Matching

@Suite struct ShortlistSolverTests {
    @Test func capsHoldAndTheOptimumIsReached() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<150 {
            let round = randomInstance(&generator, applicants: 0...5, postings: 0...4, capacities: 0...2, density: 0.5)
            guard round.pairCount <= 14 else { continue }
            for (perSeat, perApplicant) in [(1, 1), (2, 1), (3, 2), (2, 3)] {
                let solver = ShortlistSolver(candidatesPerSeat: perSeat, listsPerApplicant: perApplicant)
                let lists = solver.solve(round)
                let slots = solver.slots(in: round)
                #expect(
                    AssignmentCheck.problems(
                        in: lists, for: round, capacities: slots, listsPerApplicant: perApplicant
                    ).isEmpty)
                let best = bruteForceShortlists(round, slots: slots, listsPerApplicant: perApplicant)
                #expect(lists.filledSeats == best.filled)
                #expect(lists.totalScore == best.score)
            }
        }
    }

    @Test func aStrongApplicantIsNotPutOnEveryList() throws {
        // Applicant 0 is everyone's favourite; with b = 1 it appears once and the others fill in.
        let round = try instance(
            applicants: 3, capacities: [1, 1, 1],
            [(0, 0, 9), (0, 1, 9), (0, 2, 9), (1, 0, 1), (1, 1, 1), (2, 2, 1)])
        let uncapped = GreedyBaseline.uncappedShortlists(for: round, candidatesPerSeat: 1)
        #expect(uncapped.maximumPlacementsPerApplicant == 3)
        let lists = ShortlistSolver(candidatesPerSeat: 1, listsPerApplicant: 1).solve(round)
        #expect(lists.maximumPlacementsPerApplicant == 1)
        #expect(lists.filledSeats == 3)
        #expect(lists.totalScore == 9 + 1 + 1)
    }

    @Test func reachableSlotsCountsFeasibleCandidates() throws {
        let round = try instance(applicants: 2, capacities: [2, 1], [(0, 0, 1), (1, 0, 1), (1, 1, 1)])
        let solver = ShortlistSolver(candidatesPerSeat: 3, listsPerApplicant: 3)
        #expect(solver.slots(in: round) == [6, 3])
        #expect(solver.reachableSlots(in: round) == 3)
        #expect(solver.solve(round).filledSeats == 3)
    }

    @Test func zeroListsPerApplicantGivesEmptyLists() throws {
        let round = try instance(applicants: 1, capacities: [1], [(0, 0, 1)])
        #expect(ShortlistSolver(candidatesPerSeat: 3, listsPerApplicant: 0).solve(round).filledSeats == 0)
    }
}
