/// The pairs of an instance grouped by posting, the orientation the flow solver searches in:
/// every search starts at a posting with an unrouted seat, so a posting's pairs must be contiguous.
struct SeatFlowGraph {
    let applicantCount: Int
    let postingCount: Int
    /// Pairs of posting `p` are `start[p] ..< start[p + 1]`, applicants ascending.
    let start: FixedBuffer<Int>
    let applicant: FixedBuffer<Int32>
    let score: FixedBuffer<Int32>
    /// Seats (or shortlist slots) each posting offers in this run.
    let capacity: FixedBuffer<Int32>

    var pairCount: Int { applicant.count }

    /// Transposes the instance's pairs; `range` must contain every score.
    /// Within a posting, pairs are ordered best score first (ties by applicant), which lets a search
    /// stop scanning a posting as soon as no remaining pair can beat the best path end found.
    init(_ instance: MatchingInstance, capacities: [Int], scoreRange range: (lowest: Int32, highest: Int32)) {
        let postingCount = instance.postingCount
        self.applicantCount = instance.applicantCount
        self.postingCount = postingCount
        self.capacity = FixedBuffer<Int32>(capacities.map { Int32(clamping: $0) })
        let spread = Int(range.highest) - Int(range.lowest)

        // First order the pairs by score, best first (stable, so applicants stay ascending),
        // then distribute them to postings (stable again): two counting passes instead of sorts.
        let kept = instance.pairCount
        let smallSpread = spread < 1 << 20
        var byScore = [Int](repeating: 0, count: smallSpread ? spread + 2 : 1)
        if smallSpread {
            for score in instance.pairScore { byScore[Int(range.highest) - Int(score) + 1] += 1 }
        }
        let orderedApplicant = FixedBuffer<Int32>(repeating: 0, count: kept)
        let orderedPosting = FixedBuffer<Int32>(repeating: 0, count: kept)
        let orderedScore = FixedBuffer<Int32>(repeating: 0, count: kept)
        if smallSpread {
            for bucket in 0..<(byScore.count - 1) { byScore[bucket + 1] += byScore[bucket] }
        }
        var written = 0
        instance.pairPosting.withUnsafeBufferPointer { postings in
            instance.pairScore.withUnsafeBufferPointer { scores in
                for owner in 0..<instance.applicantCount {
                    for index in instance.pairStart[owner]..<instance.pairStart[owner + 1] {
                        let slot: Int
                        if smallSpread {
                            let bucket = Int(range.highest) - Int(scores[index])
                            slot = byScore[bucket]
                            byScore[bucket] = slot + 1
                        } else {
                            slot = written
                            written += 1
                        }
                        orderedApplicant[slot] = Int32(owner)
                        orderedPosting[slot] = postings[index]
                        orderedScore[slot] = scores[index]
                    }
                }
            }
        }
        var counts = [Int](repeating: 0, count: postingCount + 1)
        for index in 0..<kept { counts[Int(orderedPosting[index]) + 1] += 1 }
        for posting in 0..<postingCount { counts[posting + 1] += counts[posting] }
        let applicant = FixedBuffer<Int32>(repeating: 0, count: kept)
        let score = FixedBuffer<Int32>(repeating: 0, count: kept)
        var next = counts
        for index in 0..<kept {
            let posting = Int(orderedPosting[index])
            let slot = next[posting]
            next[posting] = slot + 1
            applicant[slot] = orderedApplicant[index]
            score[slot] = orderedScore[index]
        }
        if !smallSpread {
            for posting in 0..<postingCount {
                var keys = (counts[posting]..<counts[posting + 1]).map {
                    (score: score[$0], applicant: applicant[$0])
                }
                keys.sort { ($0.score, -$0.applicant) > ($1.score, -$1.applicant) }
                for (offset, key) in keys.enumerated() {
                    score[counts[posting] + offset] = key.score
                    applicant[counts[posting] + offset] = key.applicant
                }
            }
        }
        self.start = FixedBuffer<Int>(counts)
        self.applicant = applicant
        self.score = score
    }
}
