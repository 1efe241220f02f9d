/// Shortlists for employer review: each posting gets up to `candidatesPerSeat` candidates per seat,
/// and no applicant is put on more than `listsPerApplicant` shortlists.
///
/// A naive best-k per posting puts the strongest applicants on dozens of lists, leaving them
/// overbooked and others never seen. This is a b-matching solved exactly as a min-cost flow (the
/// same solver as assignments, with applicants absorbing up to b units): most list slots filled
/// first, then the highest total fit.
public struct ShortlistSolver: Sendable, Hashable, Codable {
    public var candidatesPerSeat: Int
    public var listsPerApplicant: Int

    public init(candidatesPerSeat: Int = 3, listsPerApplicant: Int = 3) {
        self.candidatesPerSeat = candidatesPerSeat
        self.listsPerApplicant = listsPerApplicant
    }

    /// List slots of each posting: `candidatesPerSeat` times its capacity.
    public func slots(in instance: MatchingInstance) -> [Int] {
        instance.postingCapacities.map { capacity in
            let (product, overflow) = capacity.multipliedReportingOverflow(by: max(candidatesPerSeat, 0))
            return overflow ? Int(Int32.max) : min(product, Int(Int32.max))
        }
    }

    /// The shortlists as placements (applicant on posting's list), best total fit among those
    /// filling the most slots.
    public func solve(_ instance: MatchingInstance) -> Assignment {
        guard listsPerApplicant > 0 else { return Assignment(placements: []) }
        return SeatFlowRun(
            instance: instance, capacities: slots(in: instance), applicantCapacity: listsPerApplicant
        ).assignment
    }

    /// Slots that could be filled if applicants had no cap: per posting, its slots or its feasible
    /// applicants, whichever is fewer. The solver reaches it whenever the caps allow.
    public func reachableSlots(in instance: MatchingInstance) -> Int {
        var degree = [Int](repeating: 0, count: instance.postingCount)
        for posting in instance.pairPosting { degree[Int(posting)] += 1 }
        return zip(slots(in: instance), degree).reduce(0) { $0 + min($1.0, $1.1) }
    }
}
