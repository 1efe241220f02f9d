/// One applicant placed on (or shortlisted for) one posting.
public struct Placement: Sendable, Hashable, Comparable {
    public var applicant: Int
    public var posting: Int
    public var score: Int

    public init(applicant: Int, posting: Int, score: Int) {
        self.applicant = applicant
        self.posting = posting
        self.score = score
    }

    public static func < (lhs: Placement, rhs: Placement) -> Bool {
        (lhs.applicant, lhs.posting) < (rhs.applicant, rhs.posting)
    }
}

/// A set of placements with the two figures the objective ranks by.
///
/// Used for seat assignments (each applicant at most once) and for shortlists (each applicant on at
/// most b lists); `AssignmentCheck` verifies either against its instance.
public struct Assignment: Sendable, Equatable {
    /// Sorted by applicant, then posting.
    public let placements: [Placement]

    public init(placements: [Placement]) {
        self.placements = placements.sorted()
    }

    /// Seats (or shortlist slots) filled.
    public var filledSeats: Int { placements.count }

    public var totalScore: Int { placements.reduce(0) { $0 + $1.score } }

    /// The posting of each applicant, nil when unplaced; meaningful for one-seat-per-applicant results.
    public func postingByApplicant(applicantCount: Int) -> [Int?] {
        var result = [Int?](repeating: nil, count: applicantCount)
        for placement in placements { result[placement.applicant] = placement.posting }
        return result
    }

    /// The applicants placed on each posting, in applicant order.
    public func applicantsByPosting(postingCount: Int) -> [[Int]] {
        var result = [[Int]](repeating: [], count: postingCount)
        for placement in placements { result[placement.posting].append(placement.applicant) }
        return result
    }
}
