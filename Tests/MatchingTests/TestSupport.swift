@testable import Matching

/// SplitMix64: a tiny seeded generator so every random test is reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// A small random round: few applicants and postings, many ties, some empty rows and columns.
func randomInstance(
    _ generator: inout SeededGenerator, applicants: ClosedRange<Int> = 0...7, postings: ClosedRange<Int> = 0...5,
    capacities: ClosedRange<Int> = 0...3, density: Double = 0.45, scores: ClosedRange<Int> = 0...9
) -> MatchingInstance {
    let applicantCount = Int.random(in: applicants, using: &generator)
    let postingCount = Int.random(in: postings, using: &generator)
    let capacityList = (0..<postingCount).map { _ in Int.random(in: capacities, using: &generator) }
    var pairs: [ScoredPair] = []
    for applicant in 0..<applicantCount {
        for posting in (0..<postingCount).shuffled(using: &generator)
        where Double.random(in: 0..<1, using: &generator) < density {
            pairs.append(
                ScoredPair(applicant: applicant, posting: posting, score: Int.random(in: scores, using: &generator)))
        }
    }
    pairs.shuffle(using: &generator)
    do {
        return try MatchingInstance(applicantCount: applicantCount, postingCapacities: capacityList, pairs: pairs)
    } catch {
        fatalError("generated an invalid instance: \(error)")
    }
}

/// The best (filled, score) over every assignment, by exhaustive search.
func bruteForceOptimum(_ instance: MatchingInstance) -> (filled: Int, score: Int) {
    var left = instance.postingCapacities
    var best = (filled: 0, score: 0)
    func visit(_ applicant: Int, filled: Int, score: Int) {
        if applicant == instance.applicantCount {
            if (filled, score) > (best.filled, best.score) { best = (filled, score) }
            return
        }
        visit(applicant + 1, filled: filled, score: score)
        for pair in instance.pairs(ofApplicant: applicant) where left[pair.posting] > 0 {
            left[pair.posting] -= 1
            visit(applicant + 1, filled: filled + 1, score: score + pair.score)
            left[pair.posting] += 1
        }
    }
    visit(0, filled: 0, score: 0)
    return best
}

/// The best (slots, score) over every set of pairs respecting both shortlist caps.
func bruteForceShortlists(
    _ instance: MatchingInstance, slots: [Int], listsPerApplicant: Int
) -> (filled: Int, score: Int) {
    let pairs = instance.allPairs
    var perPosting = [Int](repeating: 0, count: instance.postingCount)
    var perApplicant = [Int](repeating: 0, count: instance.applicantCount)
    var best = (filled: 0, score: 0)
    func visit(_ index: Int, filled: Int, score: Int) {
        if index == pairs.count {
            if (filled, score) > (best.filled, best.score) { best = (filled, score) }
            return
        }
        visit(index + 1, filled: filled, score: score)
        let pair = pairs[index]
        if perPosting[pair.posting] < slots[pair.posting] && perApplicant[pair.applicant] < listsPerApplicant {
            perPosting[pair.posting] += 1
            perApplicant[pair.applicant] += 1
            visit(index + 1, filled: filled + 1, score: score + pair.score)
            perPosting[pair.posting] -= 1
            perApplicant[pair.applicant] -= 1
        }
    }
    visit(0, filled: 0, score: 0)
    return best
}

func instance(applicants: Int, capacities: [Int], _ pairs: [(Int, Int, Int)]) throws -> MatchingInstance {
    try MatchingInstance(
        applicantCount: applicants, postingCapacities: capacities,
        pairs: pairs.map { ScoredPair(applicant: $0.0, posting: $0.1, score: $0.2) })
}
