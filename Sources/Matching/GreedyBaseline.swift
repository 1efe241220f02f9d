/// Highest score first: the rule people reach for by hand, kept only as a baseline to show what
/// the exact solvers gain (on the reference round it leaves about 10% of the seats empty).
public enum GreedyBaseline {
    /// Walks pairs by score (ties: lower applicant, then lower posting) and places an applicant
    /// when it is still free and the posting has a seat left.
    public static func assignment(for instance: MatchingInstance) -> Assignment {
        capped(instance, capacities: instance.postingCapacities, listsPerApplicant: 1)
    }

    /// The same walk for shortlists, honouring both caps.
    public static func shortlists(for instance: MatchingInstance, solver: ShortlistSolver) -> Assignment {
        capped(instance, capacities: solver.slots(in: instance), listsPerApplicant: solver.listsPerApplicant)
    }

    /// Each posting's best `candidatesPerSeat` per seat, with no cap per applicant: what the
    /// shortlist solver exists to avoid. `maximumListsPerApplicant` shows the overbooking.
    public static func uncappedShortlists(for instance: MatchingInstance, candidatesPerSeat: Int) -> Assignment {
        let solver = ShortlistSolver(candidatesPerSeat: candidatesPerSeat, listsPerApplicant: Int(Int32.max))
        return capped(instance, capacities: solver.slots(in: instance), listsPerApplicant: Int.max)
    }

    private static func capped(_ instance: MatchingInstance, capacities: [Int], listsPerApplicant: Int) -> Assignment {
        var left = capacities
        var lists = [Int](repeating: 0, count: instance.applicantCount)
        var placements: [Placement] = []
        for pair in pairsByScore(instance) {
            let applicant = pair.applicant
            let posting = pair.posting
            if lists[applicant] < listsPerApplicant && left[posting] > 0 {
                lists[applicant] += 1
                left[posting] -= 1
                placements.append(Placement(applicant: applicant, posting: posting, score: pair.score))
            }
        }
        return Assignment(placements: placements)
    }

    private static func pairsByScore(_ instance: MatchingInstance) -> [ScoredPair] {
        var pairs: [ScoredPair] = []
        pairs.reserveCapacity(instance.pairCount)
        for applicant in 0..<instance.applicantCount {
            for index in instance.pairStart[applicant]..<instance.pairStart[applicant + 1] {
                pairs.append(
                    ScoredPair(
                        applicant: applicant, posting: Int(instance.pairPosting[index]),
                        score: Int(instance.pairScore[index])))
            }
        }
        pairs.sort { ($0.score, -$0.applicant, -$0.posting) > ($1.score, -$1.applicant, -$1.posting) }
        return pairs
    }
}

extension Assignment {
    /// The most placements any one applicant has (shortlists: the most lists anyone is on).
    public var maximumPlacementsPerApplicant: Int {
        var counts: [Int: Int] = [:]
        for placement in placements { counts[placement.applicant, default: 0] += 1 }
        return counts.values.max() ?? 0
    }
}
