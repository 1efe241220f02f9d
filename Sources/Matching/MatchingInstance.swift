/// One feasible applicant–posting pair and its fit score (higher is better).
public struct ScoredPair: Sendable, Hashable {
    public var applicant: Int
    public var posting: Int
    public var score: Int

    public init(applicant: Int, posting: Int, score: Int) {
        self.applicant = applicant
        self.posting = posting
        self.score = score
    }
}

/// A matching round: applicants, postings with seat capacities and the feasible scored pairs.
///
/// Applicants and postings are dense indices; callers keep their own ids beside it (the portable
/// format does that in `PortableInstance`). Pairs are held grouped by applicant in compact arrays,
/// because rounds reach tens of millions of pairs and every solver streams over them.
public struct MatchingInstance: Sendable {
    public let applicantCount: Int
    public let postingCapacities: [Int]
    /// Pairs of applicant `a` are `pairStart[a] ..< pairStart[a + 1]`, postings ascending in input order.
    let pairStart: [Int]
    let pairPosting: [Int32]
    let pairScore: [Int32]

    public var postingCount: Int { postingCapacities.count }
    public var pairCount: Int { pairPosting.count }
    public var seatCount: Int { postingCapacities.reduce(0, +) }

    /// Builds an instance from pairs in any order.
    ///
    /// Throws `MatchingInstanceError` naming the offending pair's position in `pairs` when an index
    /// is out of range, a capacity is negative, a score does not fit 32 bits or a pair repeats.
    public init(
        applicantCount: Int, postingCapacities: [Int], pairs: [ScoredPair]
    )
        throws(MatchingInstanceError)
    {
        var applicants: [Int32] = []
        var postings: [Int32] = []
        var scores: [Int32] = []
        applicants.reserveCapacity(pairs.count)
        postings.reserveCapacity(pairs.count)
        scores.reserveCapacity(pairs.count)
        for (index, pair) in pairs.enumerated() {
            guard pair.applicant >= 0, pair.applicant < applicantCount else {
                throw MatchingInstanceError(pairIndex: index, reason: .indexOutOfRange)
            }
            guard pair.posting >= 0, pair.posting < postingCapacities.count else {
                throw MatchingInstanceError(pairIndex: index, reason: .indexOutOfRange)
            }
            guard let score = Int32(exactly: pair.score) else {
                throw MatchingInstanceError(pairIndex: index, reason: .scoreOutOfRange(String(pair.score)))
            }
            applicants.append(Int32(pair.applicant))
            postings.append(Int32(pair.posting))
            scores.append(score)
        }
        try self.init(
            applicantCount: applicantCount, postingCapacities: postingCapacities,
            applicants: applicants, postings: postings, scores: scores)
    }

    /// Builds an instance from parallel columns, the shape a file reader produces.
    ///
    /// Columns already grouped by applicant (as `gen.py` writes them) are adopted without a copy,
    /// which keeps a 37-million-pair round within memory.
    public init(
        applicantCount: Int, postingCapacities: [Int],
        applicants: [Int32], postings: [Int32], scores: [Int32]
    ) throws(MatchingInstanceError) {
        precondition(applicants.count == postings.count && postings.count == scores.count)
        guard applicantCount >= 0, applicantCount < Int(Int32.max) else {
            throw MatchingInstanceError(reason: .tooLarge)
        }
        guard postingCapacities.count < Int(Int32.max), applicants.count < Int(Int32.max) else {
            throw MatchingInstanceError(reason: .tooLarge)
        }
        for capacity in postingCapacities where capacity < 0 || capacity > Int(Int32.max) {
            throw MatchingInstanceError(
                reason: capacity < 0 ? .negativeCapacity(String(capacity)) : .capacityOutOfRange)
        }
        let pairCount = applicants.count
        var counts = [Int](repeating: 0, count: applicantCount + 1)
        var grouped = true
        var previous: Int32 = 0
        for index in 0..<pairCount {
            let applicant = applicants[index]
            let posting = postings[index]
            guard applicant >= 0, Int(applicant) < applicantCount, posting >= 0,
                Int(posting) < postingCapacities.count
            else { throw MatchingInstanceError(pairIndex: index, reason: .indexOutOfRange) }
            counts[Int(applicant) + 1] += 1
            if applicant < previous { grouped = false }
            previous = applicant
        }
        for applicant in 0..<applicantCount { counts[applicant + 1] += counts[applicant] }
        self.applicantCount = applicantCount
        self.postingCapacities = postingCapacities
        self.pairStart = counts
        if grouped {
            self.pairPosting = postings
            self.pairScore = scores
        } else {
            // Stable counting sort keeps each applicant's pairs in input order, so results stay
            // deterministic whatever order the file lists them in.
            var next = Array(counts.dropLast())
            var sortedPostings = [Int32](repeating: 0, count: pairCount)
            var sortedScores = [Int32](repeating: 0, count: pairCount)
            for index in 0..<pairCount {
                let applicant = Int(applicants[index])
                let slot = next[applicant]
                next[applicant] = slot + 1
                sortedPostings[slot] = postings[index]
                sortedScores[slot] = scores[index]
            }
            self.pairPosting = sortedPostings
            self.pairScore = sortedScores
        }
        if let duplicate = firstRepeatedPair(applicants: applicants, postings: postings) {
            throw MatchingInstanceError(
                pairIndex: duplicate,
                reason: .duplicatePair(applicant: String(applicants[duplicate]), posting: String(postings[duplicate])))
        }
    }

    /// Internal initialiser for instances derived from another one (pruned subsets).
    init(applicantCount: Int, postingCapacities: [Int], pairStart: [Int], pairPosting: [Int32], pairScore: [Int32]) {
        self.applicantCount = applicantCount
        self.postingCapacities = postingCapacities
        self.pairStart = pairStart
        self.pairPosting = pairPosting
        self.pairScore = pairScore
    }

    /// The instance restricted to the pairs with `keep[pair] != 0`, and for each kept pair its index
    /// here, so results on the smaller instance map back.
    func keeping(_ keep: FixedBuffer<UInt8>) -> (instance: MatchingInstance, originalPair: [Int32]) {
        var starts = [Int](repeating: 0, count: applicantCount + 1)
        var postings: [Int32] = []
        var scores: [Int32] = []
        var original: [Int32] = []
        for applicant in 0..<applicantCount {
            for pair in pairStart[applicant]..<pairStart[applicant + 1] where keep[pair] != 0 {
                postings.append(pairPosting[pair])
                scores.append(pairScore[pair])
                original.append(Int32(pair))
            }
            starts[applicant + 1] = postings.count
        }
        let kept = MatchingInstance(
            applicantCount: applicantCount, postingCapacities: postingCapacities, pairStart: starts,
            pairPosting: postings, pairScore: scores)
        return (kept, original)
    }

    /// The feasible pairs of one applicant, in input order.
    public func pairs(ofApplicant applicant: Int) -> [ScoredPair] {
        (pairStart[applicant]..<pairStart[applicant + 1]).map {
            ScoredPair(applicant: applicant, posting: Int(pairPosting[$0]), score: Int(pairScore[$0]))
        }
    }

    /// All feasible pairs, grouped by applicant.
    public var allPairs: [ScoredPair] {
        (0..<applicantCount).flatMap { pairs(ofApplicant: $0) }
    }

    /// The score of a pair, or nil when the pair is not feasible.
    public func score(applicant: Int, posting: Int) -> Int? {
        guard applicant >= 0, applicant < applicantCount else { return nil }
        for index in pairStart[applicant]..<pairStart[applicant + 1] where Int(pairPosting[index]) == posting {
            return Int(pairScore[index])
        }
        return nil
    }

    /// Lowest and highest score over all pairs; (0, 0) when there are none.
    var scoreRange: (lowest: Int32, highest: Int32) {
        guard var lowest = pairScore.first else { return (0, 0) }
        var highest = lowest
        for score in pairScore {
            lowest = min(lowest, score)
            highest = max(highest, score)
        }
        return (lowest, highest)
    }

    private func firstRepeatedPair(applicants: [Int32], postings: [Int32]) -> Int? {
        // A stamp per posting finds repeats in one pass over the grouped pairs; only when one
        // exists do we pay for locating its position in the caller's order.
        var stamp = [Int32](repeating: -1, count: postingCapacities.count)
        var found = false
        for applicant in 0..<applicantCount where !found {
            for index in pairStart[applicant]..<pairStart[applicant + 1] {
                let posting = Int(pairPosting[index])
                if stamp[posting] == Int32(applicant) {
                    found = true
                    break
                }
                stamp[posting] = Int32(applicant)
            }
        }
        guard found else { return nil }
        var seen = Set<Int64>()
        for index in applicants.indices {
            let key = Int64(applicants[index]) << 32 | Int64(postings[index])
            if !seen.insert(key).inserted { return index }
        }
        return nil
    }
}
