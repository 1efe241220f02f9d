/// Proposes who goes where: the most seats filled, then the highest total score, exactly.
///
/// Without pruning it solves the whole instance (min-cost flow, see `SeatFlowSolver`). With
/// `CandidatePruning` it solves a much smaller candidate graph that provably fills as many seats as
/// the whole one, and reports a certified bound on how far its score can be from the optimum.
public struct AssignmentSolver: Sendable {
    public var pruning: CandidatePruning?

    public init(pruning: CandidatePruning? = nil) {
        self.pruning = pruning
    }

    public func solve(_ instance: MatchingInstance) -> AssignmentOutcome {
        guard let pruning else {
            let flow = SeatFlowRun(instance: instance, capacities: instance.postingCapacities, applicantCapacity: 1)
            return AssignmentOutcome(assignment: flow.assignment, pruning: nil)
        }
        return pruning.solve(instance)
    }
}

/// The proposal and, when candidates were pruned, what that cost.
public struct AssignmentOutcome: Sendable {
    public let assignment: Assignment
    public let pruning: PruningReport?
}

/// One flow solve over an instance (or a kept subset of its pairs), with its final potentials
/// kept for the optimality bound.
struct SeatFlowRun {
    let assignment: Assignment
    /// Minus the dual value of each posting (`-potential`), clamped by the empty-seat cost.
    let postingDual: [Int64]
    let highestScore: Int64
    let emptySeatCost: Int64

    init(
        instance: MatchingInstance, capacities: [Int], applicantCapacity: Int, keep: FixedBuffer<UInt8>? = nil
    ) {
        let graph = SeatFlowGraph(instance, capacities: capacities, keep: keep)
        let range = instance.scoreRange
        let solver = SeatFlowSolver(
            graph: graph, applicantCapacity: applicantCapacity, highestScore: range.highest,
            lowestScore: range.lowest)
        solver.run()
        var placements: [Placement] = []
        for applicant in 0..<graph.applicantCount {
            let first = applicant * applicantCapacity
            for slot in first..<(first + Int(solver.load[applicant])) {
                let pair = Int(solver.slotPair[slot])
                placements.append(
                    Placement(
                        applicant: applicant, posting: Int(solver.slotPosting[slot]), score: Int(graph.score[pair])))
            }
        }
        assignment = Assignment(placements: placements)
        postingDual = (0..<graph.postingCount).map { min(-solver.potential[$0], solver.emptySeatCost) }
        highestScore = solver.highestScore
        emptySeatCost = solver.emptySeatCost
    }
}
