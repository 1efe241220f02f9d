/// Solves large rounds on a sparse candidate graph instead of every feasible pair.
///
/// A round of 30,000 applicants and seats has about 37 million feasible pairs, yet the optimum uses
/// almost only pairs near the top of someone's list. We keep each applicant's best pairs and each
/// posting's best pairs per seat, plus the pairs of one maximum-cardinality matching of the whole
/// graph, so the pruned solve fills exactly as many seats as the unpruned optimum. How much score
/// the pruning may have cost is bounded from the solve's duals (`PruningReport.scoreUpperBound`).
public struct CandidatePruning: Sendable, Hashable, Codable {
    /// Pairs kept per applicant, best scores first.
    public var bestPerApplicant: Int
    /// Pairs kept per posting for each of its seats, best scores first.
    public var bestPerSeat: Int
    /// In perfect rounds (as many seats as applicants, all placeable), how many times to add the
    /// dropped pairs that the solve's duals show could improve it and solve again from those
    /// duals. When none is left the result is the exact unpruned optimum.
    public var refinementRounds: Int

    public init(bestPerApplicant: Int, bestPerSeat: Int, refinementRounds: Int = 0) {
        self.bestPerApplicant = bestPerApplicant
        self.bestPerSeat = bestPerSeat
        self.refinementRounds = refinementRounds
    }

    /// The same number on both sides, e.g. 25.
    public init(keeping best: Int, refinementRounds: Int = 0) {
        self.init(bestPerApplicant: best, bestPerSeat: best, refinementRounds: refinementRounds)
    }

    func solve(_ instance: MatchingInstance) -> AssignmentOutcome {
        let keep = candidates(in: instance)
        let (candidateInstance, originalPair) = instance.keeping(keep)
        var pruned = candidateInstance
        // An auction that places every applicant on the kept pairs proves the whole instance can
        // fill no more seats; otherwise a maximum matching decides which pairs must be added.
        var prices = pruned.auctionPrices()
        var added = 0
        if prices == nil {
            let maximumFill: Int
            (added, maximumFill) = keepMaximumCardinalityPairs(
                of: instance, pruned: pruned, originalPair: originalPair, in: keep)
            if added > 0 {
                pruned = instance.keeping(keep).instance
                if maximumFill == instance.applicantsWithPairs { prices = pruned.auctionPrices() }
            }
        }
        // The pruned instance keeps the whole instance's score range, so its costs and empty-seat
        // cost match those the bound below is computed with.
        var flow = SeatFlowRun(
            instance: pruned, capacities: instance.postingCapacities, applicantCapacity: 1,
            scoreRange: instance.scoreRange, postingPrices: prices)
        var proven = false
        var rounds = 0
        if prices != nil {
            // Perfect round: applicant potentials are free, so the previous solve resumes on the
            // enlarged candidate graph after a local repair.
            while !proven && rounds < refinementRounds {
                let improving = improvingPairs(
                    of: instance, outside: keep, keeping: true, potentials: flow.potentials, costScale: flow.costScale)
                proven = improving == 0
                if proven { break }
                rounds += 1
                pruned = instance.keeping(keep).instance
                flow = SeatFlowRun(
                    instance: pruned, capacities: instance.postingCapacities, applicantCapacity: 1,
                    scoreRange: instance.scoreRange, resuming: flow)
            }
            if !proven && rounds > 0 {
                proven =
                    improvingPairs(
                        of: instance, outside: keep, keeping: false, potentials: flow.potentials,
                        costScale: flow.costScale) == 0
            }
        }
        let score = flow.assignment.totalScore
        let report = PruningReport(
            pairsKept: pruned.pairCount, pairsTotal: instance.pairCount, pairsAddedForFill: added,
            scoreUpperBound: proven ? score : flow.scoreUpperBound(over: instance), score: score,
            refinementRounds: rounds, provenOptimal: proven)
        return AssignmentOutcome(assignment: flow.assignment, pruning: report)
    }

    /// Counts the dropped pairs whose reduced cost under `potentials` is negative (pairs that could
    /// still improve the solve) and, when `keeping`, keeps them. None means the solve's
    /// assignment and potentials satisfy the optimality conditions on every pair.
    func improvingPairs(
        of instance: MatchingInstance, outside keep: FixedBuffer<UInt8>, keeping: Bool, potentials: [Int64],
        costScale: Int64
    ) -> Int {
        let highest = Int64(instance.scoreRange.highest)
        let postingCount = instance.postingCount
        var found = 0
        potentials.withUnsafeBufferPointer { potential in
            instance.pairPosting.withUnsafeBufferPointer { postings in
                instance.pairScore.withUnsafeBufferPointer { scores in
                    for applicant in 0..<instance.applicantCount {
                        let applicantPotential = potential[postingCount + applicant]
                        for index in instance.pairStart[applicant]..<instance.pairStart[applicant + 1] {
                            let reduced =
                                costScale * (highest - Int64(scores[index])) + potential[Int(postings[index])]
                                - applicantPotential
                            guard reduced < 0, keep[index] == 0 else { continue }
                            if keeping { keep[index] = 1 }
                            found += 1
                        }
                    }
                }
            }
        }
        return found
    }

    /// Marks each applicant's and each posting's best pairs. Ties go to the earlier pair in the
    /// applicant's input order and, on the posting side, to the lower applicant index.
    func candidates(in instance: MatchingInstance) -> FixedBuffer<UInt8> {
        let keep = FixedBuffer<UInt8>(repeating: 0, count: instance.pairCount)
        let perApplicant = max(bestPerApplicant, 0)
        let postingQuota = instance.postingCapacities.map { capacity in
            let (product, overflow) = capacity.multipliedReportingOverflow(by: max(bestPerSeat, 0))
            return overflow ? Int.max : product
        }
        let range = instance.scoreRange
        let spread = Int(range.highest) - Int(range.lowest)
        instance.pairPosting.withUnsafeBufferPointer { postings in
            instance.pairScore.withUnsafeBufferPointer { scores in
                var postingCut = PostingCutoffs(
                    instance: instance, quota: postingQuota, spread: spread, highest: range.highest,
                    postings: postings, scores: scores)
                var rowCounts = [Int32](repeating: 0, count: spread < 1 << 16 ? spread + 1 : 0)
                var rowScratch: [Int32] = []
                for applicant in 0..<instance.applicantCount {
                    let row = instance.pairStart[applicant]..<instance.pairStart[applicant + 1]
                    var cut = Cutoff.all
                    if row.count > perApplicant {
                        if !rowCounts.isEmpty {
                            for index in row { rowCounts[Int(range.highest) - Int(scores[index])] += 1 }
                            cut = Cutoff(counts: &rowCounts, quota: perApplicant, highest: range.highest)
                            for index in row { rowCounts[Int(range.highest) - Int(scores[index])] = 0 }
                        } else {
                            rowScratch.removeAll(keepingCapacity: true)
                            rowScratch.append(contentsOf: row.map { scores[$0] })
                            cut = Cutoff(sorting: &rowScratch, quota: perApplicant)
                        }
                    }
                    for index in row {
                        let score = scores[index]
                        let byApplicant = cut.admits(score)
                        let byPosting = postingCut.admits(score, posting: Int(postings[index]))
                        if byApplicant || byPosting { keep[index] = 1 }
                    }
                }
            }
        }
        return keep
    }

    /// Makes sure the kept pairs can fill as many seats as all pairs can: a maximum matching of the
    /// kept graph is checked against a cheap bound and, only if short of it, extended to a maximum
    /// matching of the whole graph whose pairs are then kept too. Returns how many pairs it added
    /// and the most seats any assignment of the whole instance fills.
    func keepMaximumCardinalityPairs(
        of instance: MatchingInstance, pruned: MatchingInstance, originalPair: [Int32], in keep: FixedBuffer<UInt8>
    ) -> (added: Int, maximumFill: Int) {
        var matcher = CardinalityMatcher(instance: pruned)
        matcher.seedGreedily()
        matcher.augmentToMaximum()
        let applicantsWithPairs = instance.applicantsWithPairs
        if matcher.matchedCount >= min(applicantsWithPairs, instance.seatCount) { return (0, matcher.matchedCount) }
        var degree = [Int](repeating: 0, count: instance.postingCount)
        for posting in instance.pairPosting { degree[Int(posting)] += 1 }
        var reachableSeats = 0
        for posting in 0..<instance.postingCount {
            reachableSeats += min(instance.postingCapacities[posting], degree[posting])
        }
        if matcher.matchedCount >= min(applicantsWithPairs, reachableSeats) { return (0, matcher.matchedCount) }
        var whole = CardinalityMatcher(instance: instance)
        whole.seed(
            with: (0..<instance.applicantCount).compactMap { applicant in
                let pair = matcher.matchedPair[applicant]
                return pair >= 0 ? (applicant, Int(originalPair[Int(pair)])) : nil
            })
        whole.augmentToMaximum()
        var added = 0
        for pair in whole.matchedPair where pair >= 0 && keep[Int(pair)] == 0 {
            keep[Int(pair)] = 1
            added += 1
        }
        return (added, whole.matchedCount)
    }
}

/// What pruning kept and what it can have cost.
public struct PruningReport: Sendable, Equatable {
    public let pairsKept: Int
    public let pairsTotal: Int
    /// Pairs of a maximum-cardinality matching that the best-pairs rule had dropped.
    public let pairsAddedForFill: Int
    /// No assignment of the whole instance that fills the same number of seats scores more
    /// (a linear-programming dual bound, so it holds even when the unpruned optimum is unknown).
    public let scoreUpperBound: Int
    /// `score / scoreUpperBound`: a guaranteed lower bound on the share of the optimal score reached.
    public let guaranteedScoreRatio: Double
    /// Solves repeated with improving pairs added (`CandidatePruning.refinementRounds`).
    public let refinementRounds: Int
    /// No dropped pair could improve the result: it is the unpruned optimum.
    public let provenOptimal: Bool

    init(
        pairsKept: Int, pairsTotal: Int, pairsAddedForFill: Int, scoreUpperBound: Int, score: Int,
        refinementRounds: Int = 0, provenOptimal: Bool = false
    ) {
        self.pairsKept = pairsKept
        self.pairsTotal = pairsTotal
        self.pairsAddedForFill = pairsAddedForFill
        self.refinementRounds = refinementRounds
        self.provenOptimal = provenOptimal
        self.scoreUpperBound = max(scoreUpperBound, score)
        self.guaranteedScoreRatio = self.scoreUpperBound > 0 ? Double(score) / Double(self.scoreUpperBound) : 1
    }
}

extension SeatFlowRun {
    /// An upper bound on the best score over all pairs of `instance` among assignments filling as
    /// many seats as this one.
    ///
    /// Linear-programming duality: posting duals `y` from the pruned solve, shifted by the constant
    /// that suits them best, and for each applicant the smallest feasible dual over all its pairs,
    /// `max(0, max(y - cost))`, give a lower bound on the unpruned minimum cost
    /// `filled * highest - score + emptySeatCost * emptySeats`, which is turned into a score bound.
    func scoreUpperBound(over instance: MatchingInstance) -> Int {
        var best: [Int64] = []
        best.reserveCapacity(instance.applicantCount)
        instance.pairPosting.withUnsafeBufferPointer { postings in
            instance.pairScore.withUnsafeBufferPointer { scores in
                for applicant in 0..<instance.applicantCount {
                    var slack = Int64.min
                    for index in instance.pairStart[applicant]..<instance.pairStart[applicant + 1] {
                        let reduced =
                            postingDual[Int(postings[index])] - costScale * (highestScore - Int64(scores[index]))
                        slack = max(slack, reduced)
                    }
                    if slack != Int64.min { best.append(slack) }
                }
            }
        }
        // Adding c to every posting dual changes the bound by seats * c - sum(max(0, slack + c)):
        // it grows while fewer applicants than seats have slack + c > 0, so c is set where the
        // count reaches the seats, but no posting dual may exceed the empty-seat cost.
        let seats = Int64(instance.seatCount)
        best.sort(by: >)
        var shift = Int64.max
        if seats > 0 && seats <= Int64(best.count) { shift = -best[Int(seats) - 1] }
        for dual in postingDual { shift = min(shift, emptySeatCost - dual) }
        if shift == Int64.max { shift = 0 }
        var lowerCostBound: Int64 = 0
        for posting in 0..<instance.postingCount {
            lowerCostBound += Int64(instance.postingCapacities[posting]) * (postingDual[posting] + shift)
        }
        for slack in best { lowerCostBound -= max(0, slack + shift) }
        let filled = Int64(assignment.filledSeats)
        let empty = Int64(instance.seatCount) - filled
        // Rounding the cost bound down keeps the score bound an upper bound.
        let scaledDown =
            lowerCostBound >= 0 ? lowerCostBound / costScale : -((-lowerCostBound + costScale - 1) / costScale)
        return Int(filled * highestScore + emptySeatCost / costScale * empty - scaledDown)
    }
}

/// Which scores a best-k rule admits: all above `threshold`, and `ties` more at exactly it.
struct Cutoff {
    var threshold: Int32
    var ties: Int

    static let all = Cutoff(threshold: Int32.min, ties: Int.max)

    init(threshold: Int32, ties: Int) {
        self.threshold = threshold
        self.ties = ties
    }

    /// From counts per score, best first (`counts[0]` is the highest score).
    init(counts: inout [Int32], quota: Int, highest: Int32) {
        var above = 0
        for (offset, count) in counts.enumerated() where count > 0 {
            if above + Int(count) >= quota {
                self.init(threshold: highest - Int32(offset), ties: quota - above)
                return
            }
            above += Int(count)
        }
        self = .all
    }

    init(sorting scores: inout [Int32], quota: Int) {
        guard scores.count > quota, quota > 0 else {
            self = quota > 0 ? .all : Cutoff(threshold: Int32.max, ties: 0)
            return
        }
        scores.sort(by: >)
        let threshold = scores[quota - 1]
        let above = scores.prefix(quota).count { $0 > threshold }
        self.init(threshold: threshold, ties: quota - above)
    }

    mutating func admits(_ score: Int32) -> Bool {
        if score > threshold { return true }
        if score == threshold && ties > 0 {
            ties -= 1
            return true
        }
        return false
    }
}

/// Per-posting best-k cutoffs, computed in one pass over all pairs.
struct PostingCutoffs {
    private var cutoffs: [Cutoff]

    init(
        instance: MatchingInstance, quota: [Int], spread: Int, highest: Int32,
        postings: UnsafeBufferPointer<Int32>, scores: UnsafeBufferPointer<Int32>
    ) {
        let postingCount = instance.postingCount
        let width = spread + 1
        if width <= 4096 && width * postingCount <= 1 << 26 {
            // Small score ranges (0..100 in practice): one histogram row per posting.
            var counts = [Int32](repeating: 0, count: width * postingCount)
            for index in postings.indices {
                counts[Int(postings[index]) * width + Int(highest) - Int(scores[index])] += 1
            }
            var row = [Int32](repeating: 0, count: width)
            cutoffs = (0..<postingCount).map { posting in
                for offset in 0..<width { row[offset] = counts[posting * width + offset] }
                return Cutoff(counts: &row, quota: quota[posting], highest: highest)
            }
        } else {
            var grouped = [[Int32]](repeating: [], count: postingCount)
            for index in postings.indices { grouped[Int(postings[index])].append(scores[index]) }
            cutoffs = (0..<postingCount).map { posting in
                Cutoff(sorting: &grouped[posting], quota: quota[posting])
            }
        }
    }

    mutating func admits(_ score: Int32, posting: Int) -> Bool {
        cutoffs[posting].admits(score)
    }
}
