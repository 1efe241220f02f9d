/// Stable assignment by applicant-proposing deferred acceptance (Gale–Shapley with capacities).
///
/// Offered where the programme prefers an outcome nobody can contest over the highest total fit:
/// no applicant and posting both prefer each other to what they got. Preferences come from the
/// scores on both sides; ties are broken by index (lower posting first for applicants, lower
/// applicant first for postings), so the result is deterministic. Applicant-proposing makes it the
/// best stable outcome for every applicant.
public enum DeferredAcceptance {
    public static func stableAssignment(for instance: MatchingInstance) -> Assignment {
        let applicantCount = instance.applicantCount
        // Each applicant's pairs, most preferred first.
        var order = [Int32](repeating: 0, count: instance.pairCount)
        for applicant in 0..<applicantCount {
            let row = instance.pairStart[applicant]..<instance.pairStart[applicant + 1]
            let sorted = row.sorted { prefers(instance, applicantPair: $0, over: $1) }
            for (offset, pair) in sorted.enumerated() { order[row.lowerBound + offset] = Int32(pair) }
        }
        var seatStart = [Int](repeating: 0, count: instance.postingCount + 1)
        for posting in 0..<instance.postingCount {
            seatStart[posting + 1] = seatStart[posting] + instance.postingCapacities[posting]
        }
        // A min-heap per posting of the proposals it holds, weakest on top.
        var held = [HeldProposal](
            repeating: HeldProposal(priority: 0, applicant: -1, pair: -1), count: seatStart.last ?? 0)
        var heldCount = [Int](repeating: 0, count: instance.postingCount)
        var next = Array(instance.pairStart.dropLast())
        var holding = [Int32](repeating: -1, count: applicantCount)
        var free = Array((0..<applicantCount).reversed())
        while let applicant = free.popLast() {
            while next[applicant] < instance.pairStart[applicant + 1] {
                let pair = Int(order[next[applicant]])
                next[applicant] += 1
                let posting = Int(instance.pairPosting[pair])
                let capacity = instance.postingCapacities[posting]
                guard capacity > 0 else { continue }
                let proposal = HeldProposal(
                    priority: priority(score: instance.pairScore[pair], applicant: applicant),
                    applicant: Int32(applicant), pair: Int32(pair))
                let base = seatStart[posting]
                if heldCount[posting] < capacity {
                    HeldProposal.push(proposal, into: &held, base: base, count: &heldCount[posting])
                    holding[applicant] = Int32(pair)
                    break
                }
                if proposal.priority > held[base].priority {
                    let rejected = Int(held[base].applicant)
                    held[base] = proposal
                    HeldProposal.siftDown(&held, base: base, count: heldCount[posting])
                    holding[applicant] = Int32(pair)
                    holding[rejected] = -1
                    free.append(rejected)
                    break
                }
            }
        }
        var placements: [Placement] = []
        for applicant in 0..<applicantCount where holding[applicant] >= 0 {
            let pair = Int(holding[applicant])
            placements.append(
                Placement(
                    applicant: applicant, posting: Int(instance.pairPosting[pair]), score: Int(instance.pairScore[pair])
                ))
        }
        return Assignment(placements: placements)
    }

    /// Pairs (applicant, posting) that would both rather be together than keep what `assignment`
    /// gives them, under the same score-derived preferences. Empty means stable.
    public static func blockingPairs(in assignment: Assignment, for instance: MatchingInstance) -> [ScoredPair] {
        var matchedPair = [Int](repeating: -1, count: instance.applicantCount)
        var weakest = [Int64?](repeating: nil, count: instance.postingCount)
        var heldCount = [Int](repeating: 0, count: instance.postingCount)
        for placement in assignment.placements {
            for index in instance.pairStart[placement.applicant]..<instance.pairStart[placement.applicant + 1]
            where Int(instance.pairPosting[index]) == placement.posting {
                matchedPair[placement.applicant] = index
            }
            let priority = priority(score: Int32(clamping: placement.score), applicant: placement.applicant)
            weakest[placement.posting] = min(weakest[placement.posting] ?? priority, priority)
            heldCount[placement.posting] += 1
        }
        var blocking: [ScoredPair] = []
        for applicant in 0..<instance.applicantCount {
            for index in instance.pairStart[applicant]..<instance.pairStart[applicant + 1] {
                let current = matchedPair[applicant]
                guard current < 0 || prefers(instance, applicantPair: index, over: current) else { continue }
                let posting = Int(instance.pairPosting[index])
                let hasRoom = heldCount[posting] < instance.postingCapacities[posting]
                let priority = priority(score: instance.pairScore[index], applicant: applicant)
                if hasRoom || priority > (weakest[posting] ?? Int64.max) {
                    blocking.append(
                        ScoredPair(applicant: applicant, posting: posting, score: Int(instance.pairScore[index])))
                }
            }
        }
        return blocking
    }

    /// Whether an applicant prefers the posting of pair `lhs` to that of pair `rhs` (own pairs only).
    private static func prefers(_ instance: MatchingInstance, applicantPair lhs: Int, over rhs: Int) -> Bool {
        let left = instance.pairScore[lhs]
        let right = instance.pairScore[rhs]
        return left != right ? left > right : instance.pairPosting[lhs] < instance.pairPosting[rhs]
    }

    /// A posting's ranking of an applicant: higher is better; the lower applicant wins a tie.
    private static func priority(score: Int32, applicant: Int) -> Int64 {
        Int64(score) << 32 + Int64(Int32.max) - Int64(applicant)
    }
}

/// A proposal a posting holds, in a per-posting min-heap keyed by the posting's priority.
private struct HeldProposal {
    var priority: Int64
    var applicant: Int32
    var pair: Int32

    static func push(_ proposal: HeldProposal, into heap: inout [HeldProposal], base: Int, count: inout Int) {
        var index = count
        count += 1
        heap[base + index] = proposal
        while index > 0 {
            let parent = (index - 1) / 2
            guard heap[base + parent].priority > heap[base + index].priority else { break }
            heap.swapAt(base + parent, base + index)
            index = parent
        }
    }

    static func siftDown(_ heap: inout [HeldProposal], base: Int, count: Int) {
        var index = 0
        while true {
            let left = 2 * index + 1
            let right = left + 1
            var smallest = index
            if left < count && heap[base + left].priority < heap[base + smallest].priority { smallest = left }
            if right < count && heap[base + right].priority < heap[base + smallest].priority { smallest = right }
            if smallest == index { return }
            heap.swapAt(base + index, base + smallest)
            index = smallest
        }
    }
}
