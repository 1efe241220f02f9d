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
            let flow = SeatFlowRun(
                instance: instance, capacities: instance.postingCapacities, applicantCapacity: 1,
                postingPrices: instance.auctionPrices())
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

/// One flow solve over an instance, with its final potentials kept for the optimality bound.
struct SeatFlowRun {
    let assignment: Assignment
    /// The dual value of each posting (`-potential`, at most the empty-seat cost), in cost units.
    let postingDual: [Int64]
    /// Final potentials, postings then applicants, in cost units (optimality certificate).
    let potentials: [Int64]
    let highestScore: Int64
    let costScale: Int64
    let emptySeatCost: Int64

    /// `postingPrices` come from a `SeatAuction` that placed every applicant (see
    /// `SeatFlowSolver.run`); the solve then starts from them instead of cold potentials.
    /// `resuming` is an earlier warm-started run over a subset of these pairs.
    init(
        instance: MatchingInstance, capacities: [Int], applicantCapacity: Int,
        scoreRange: (lowest: Int32, highest: Int32)? = nil, postingPrices prices: [Int64]? = nil,
        resuming previous: SeatFlowRun? = nil
    ) {
        let range = scoreRange ?? instance.scoreRange
        let graph = SeatFlowGraph(instance, capacities: capacities, scoreRange: range)
        let warm = prices != nil || previous != nil
        let solver = SeatFlowSolver(
            graph: graph, applicantCapacity: applicantCapacity, highestScore: range.highest,
            lowestScore: range.lowest, costScale: warm ? Self.auctionScale : 1)
        if let previous {
            var postingOf = [Int32](repeating: -1, count: instance.applicantCount)
            for placement in previous.assignment.placements {
                postingOf[placement.applicant] = Int32(placement.posting)
            }
            solver.resume(potentials: previous.potentials, postingOf: postingOf)
        } else {
            // A posting's price is what an applicant pays for it, which is exactly its potential.
            solver.run(postingPotentials: prices)
        }
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
        potentials = solver.potential.array
        highestScore = solver.highestScore
        costScale = solver.costScale
        emptySeatCost = solver.emptySeatCost
    }

    /// Benefits are scaled by this in the auction, so its final ε is 1/8 of a score point.
    static let auctionScale: Int64 = 8
}

extension MatchingInstance {
    /// Applicants that have at least one feasible pair.
    var applicantsWithPairs: Int {
        var count = 0
        for applicant in 0..<applicantCount where pairStart[applicant + 1] > pairStart[applicant] { count += 1 }
        return count
    }

    /// Auction prices for a warm start, when seats are exactly as many as applicants with a pair and
    /// the auction proves they can all be placed at once (perfect square rounds); nil otherwise.
    func auctionPrices() -> [Int64]? {
        guard seatCount == applicantsWithPairs, seatCount > 0 else { return nil }
        return SeatAuction(instance: self, scale: SeatFlowRun.auctionScale).postingPrices()
    }
}
