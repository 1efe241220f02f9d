import Testing

@testable import Matching

@Suite struct GreedyBaselineTests {
    @Test func takesTheHighestScoreFirstAndCanLeaveSeatsEmpty() throws {
        let round = try instance(applicants: 2, capacities: [1, 1], [(0, 0, 90), (0, 1, 10), (1, 0, 5)])
        let greedy = GreedyBaseline.assignment(for: round)
        #expect(greedy.placements == [Placement(applicant: 0, posting: 0, score: 90)])
        #expect(AssignmentSolver().solve(round).assignment.filledSeats == 2)
    }

    @Test func neverBeatsTheExactSolver() {
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<200 {
            let round = randomInstance(&generator)
            let greedy = GreedyBaseline.assignment(for: round)
            let exact = AssignmentSolver().solve(round).assignment
            #expect(AssignmentCheck.problems(in: greedy, for: round).isEmpty)
            #expect((greedy.filledSeats, greedy.totalScore) <= (exact.filledSeats, exact.totalScore))
        }
    }

    @Test func cappedShortlistsRespectTheCaps() throws {
        let round = try instance(applicants: 2, capacities: [1, 1, 1], [(0, 0, 9), (0, 1, 9), (0, 2, 9), (1, 2, 1)])
        let solver = ShortlistSolver(candidatesPerSeat: 1, listsPerApplicant: 2)
        let lists = GreedyBaseline.shortlists(for: round, solver: solver)
        #expect(lists.maximumPlacementsPerApplicant == 2)
        #expect(
            AssignmentCheck.problems(in: lists, for: round, capacities: solver.slots(in: round), listsPerApplicant: 2)
                .isEmpty)
    }
}
