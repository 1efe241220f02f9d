import Testing

@testable import Matching

@Suite struct AssignmentCheckTests {
    let round: MatchingInstance

    init() throws {
        round = try instance(applicants: 3, capacities: [1, 2], [(0, 0, 4), (1, 0, 3), (1, 1, 2), (2, 1, 8)])
    }

    @Test func acceptsAFeasibleAssignment() {
        let valid = Assignment(placements: [
            Placement(applicant: 0, posting: 0, score: 4), Placement(applicant: 1, posting: 1, score: 2),
        ])
        #expect(AssignmentCheck.problems(in: valid, for: round).isEmpty)
    }

    @Test func reportsEveryKindOfProblem() {
        let broken = Assignment(placements: [
            Placement(applicant: 0, posting: 0, score: 4),
            Placement(applicant: 1, posting: 0, score: 3),
            Placement(applicant: 0, posting: 1, score: 1),
            Placement(applicant: 2, posting: 1, score: 7),
            Placement(applicant: 5, posting: 0, score: 1),
        ])
        let problems = Set(AssignmentCheck.problems(in: broken, for: round))
        #expect(problems.contains(.postingOverCapacity(posting: 0, placements: 2, capacity: 1)))
        #expect(problems.contains(.infeasiblePair(applicant: 0, posting: 1)))
        #expect(problems.contains(.scoreMismatch(applicant: 2, posting: 1, claimed: 7, actual: 8)))
        #expect(problems.contains(.indexOutOfRange(Placement(applicant: 5, posting: 0, score: 1))))
        #expect(problems.count == 4)
    }

    @Test func reportsOverbookedApplicantsAndRepeats() {
        let twice = Assignment(placements: [
            Placement(applicant: 1, posting: 0, score: 3), Placement(applicant: 1, posting: 1, score: 2),
            Placement(applicant: 1, posting: 1, score: 2),
        ])
        let problems = Set(AssignmentCheck.problems(in: twice, for: round))
        #expect(problems.contains(.applicantOverbooked(applicant: 1, placements: 3, limit: 1)))
        #expect(problems.contains(.placedTwice(applicant: 1, posting: 1)))
    }
}
