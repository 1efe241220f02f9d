/// Verifies that an assignment or a set of shortlists respects its instance, returning every
/// problem found, so a proposal is never acted on without this check passing.
public enum AssignmentCheck {
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case indexOutOfRange(Placement)
        case infeasiblePair(applicant: Int, posting: Int)
        case scoreMismatch(applicant: Int, posting: Int, claimed: Int, actual: Int)
        case placedTwice(applicant: Int, posting: Int)
        case applicantOverbooked(applicant: Int, placements: Int, limit: Int)
        case postingOverCapacity(posting: Int, placements: Int, capacity: Int)

        public var description: String {
            switch self {
            case .indexOutOfRange(let placement):
                "applicant \(placement.applicant) or posting \(placement.posting) does not exist"
            case .infeasiblePair(let applicant, let posting):
                "applicant \(applicant) is not feasible for posting \(posting)"
            case .scoreMismatch(let applicant, let posting, let claimed, let actual):
                "applicant \(applicant) on posting \(posting) claims score \(claimed), the pair scores \(actual)"
            case .placedTwice(let applicant, let posting):
                "applicant \(applicant) is placed on posting \(posting) twice"
            case .applicantOverbooked(let applicant, let placements, let limit):
                "applicant \(applicant) has \(placements) placements, at most \(limit) allowed"
            case .postingOverCapacity(let posting, let placements, let capacity):
                "posting \(posting) has \(placements) placements for \(capacity) places"
            }
        }
    }

    /// Problems of a seat assignment: each applicant at most once, capacities respected, every
    /// pair feasible with its true score.
    public static func problems(in assignment: Assignment, for instance: MatchingInstance) -> [Problem] {
        problems(in: assignment, for: instance, capacities: instance.postingCapacities, listsPerApplicant: 1)
    }

    /// Problems of shortlists: at most `listsPerApplicant` lists per applicant and `capacities`
    /// (list slots) per posting.
    public static func problems(
        in assignment: Assignment, for instance: MatchingInstance, capacities: [Int], listsPerApplicant: Int
    ) -> [Problem] {
        var found: [Problem] = []
        var perApplicant = [Int](repeating: 0, count: instance.applicantCount)
        var perPosting = [Int](repeating: 0, count: instance.postingCount)
        var seen = Set<Placement>()
        for placement in assignment.placements {
            guard placement.applicant >= 0, placement.applicant < instance.applicantCount,
                placement.posting >= 0, placement.posting < instance.postingCount
            else {
                found.append(.indexOutOfRange(placement))
                continue
            }
            guard let actual = instance.score(applicant: placement.applicant, posting: placement.posting) else {
                found.append(.infeasiblePair(applicant: placement.applicant, posting: placement.posting))
                continue
            }
            if actual != placement.score {
                found.append(
                    .scoreMismatch(
                        applicant: placement.applicant, posting: placement.posting, claimed: placement.score,
                        actual: actual))
            }
            let key = Placement(applicant: placement.applicant, posting: placement.posting, score: 0)
            if !seen.insert(key).inserted {
                found.append(.placedTwice(applicant: placement.applicant, posting: placement.posting))
            }
            perApplicant[placement.applicant] += 1
            perPosting[placement.posting] += 1
        }
        for (applicant, count) in perApplicant.enumerated() where count > listsPerApplicant {
            found.append(.applicantOverbooked(applicant: applicant, placements: count, limit: listsPerApplicant))
        }
        for (posting, count) in perPosting.enumerated() where count > capacities[posting] {
            found.append(.postingOverCapacity(posting: posting, placements: count, capacity: capacities[posting]))
        }
        return found
    }
}
