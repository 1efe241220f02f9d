/// The four parts of a fit score.
public enum FitComponentKind: String, Sendable, Hashable, Codable, CaseIterable {
    case skills
    case preference
    case language
    case proximity
}

/// How a candidate stands against one language requirement of a place.
public struct LanguageFit: Sendable, Hashable, Codable {
    public var language: String
    public var level: LanguageBand
    public var minimum: LanguageBand
    public var desired: LanguageBand
}

/// The facts behind a component's points, structured so pages can phrase them in any language.
public enum FitReason: Sendable, Hashable, Codable, CustomStringConvertible {
    case skills(matched: [String], missing: [String])
    case noSkillsAsked
    case preferredArea(area: String, rank: Int)
    case areaNotPreferred(area: String)
    case languages([LanguageFit])
    case noLanguageRequirements
    case proximity(ProximityBand)

    public var description: String {
        switch self {
        case .skills(let matched, let missing):
            "has \(matched.count) of \(matched.count + missing.count) skills asked for"
                + (matched.isEmpty ? "" : " (\(matched.joined(separator: ", ")))")
                + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
        case .noSkillsAsked: "the place asks for no particular skills"
        case .preferredArea(let area, let rank): "\(area) is the candidate's choice number \(rank)"
        case .areaNotPreferred(let area): "\(area) is not among the candidate's preferred areas"
        case .languages(let fits):
            fits.map { fit in
                "\(fit.language) level \(fit.level.rawValue) "
                    + "(required \(fit.minimum.rawValue), desired \(fit.desired.rawValue))"
            }
            .joined(separator: "; ")
        case .noLanguageRequirements: "no language requirements"
        case .proximity(let band):
            switch band {
            case .sameMunicipality: "in the candidate's municipality"
            case .sameRegion: "in the candidate's region"
            case .remote: "remote work possible"
            case .neighbouringRegion: "in a neighbouring region"
            case .farther: "farther away"
            }
        }
    }
}

/// One component's contribution to the score, out of its share of 100.
public struct FitComponent: Sendable, Hashable, Codable {
    public var kind: FitComponentKind
    public var points: Double
    public var maximumPoints: Double
    public var reason: FitReason
}

/// The fit of one candidate for one place: why it is excluded, or its score and how it was reached.
public struct FitAssessment: Sendable, Hashable, Codable {
    public var candidateID: String
    public var placeID: String
    public var exclusions: [Exclusion]
    /// 0...100; 0 when excluded.
    public var score: Int
    /// Empty when excluded.
    public var components: [FitComponent]

    public var isFeasible: Bool { exclusions.isEmpty }
}

/// Scores candidates against places: hard filters first, then weighted components, each explained
/// so that a case worker and an employer can see why a candidate is on a list.
public struct FitScorer: Sendable, Hashable, Codable {
    public var weights: FitWeights
    public var filters: HardFilters

    public init(weights: FitWeights = .standard, regions: RegionMap = RegionMap()) {
        self.weights = weights
        self.filters = HardFilters(regions: regions)
    }

    public func assess(_ candidate: CandidateProfile, for place: PlaceProfile) -> FitAssessment {
        let exclusions = filters.exclusions(of: candidate, for: place)
        guard exclusions.isEmpty else {
            return FitAssessment(
                candidateID: candidate.id, placeID: place.id, exclusions: exclusions, score: 0, components: [])
        }
        let total = weights.total
        let parts: [(kind: FitComponentKind, weight: Double, outcome: (credit: Double, reason: FitReason))] = [
            (.skills, weights.skills, skills(candidate, place)),
            (.preference, weights.preference, preference(candidate, place)),
            (.language, weights.language, language(candidate, place)),
            (.proximity, weights.proximity, proximity(candidate, place)),
        ]
        let components = parts.map { part in
            let maximum = total > 0 ? 100 * part.weight / total : 0
            return FitComponent(
                kind: part.kind, points: maximum * part.outcome.credit, maximumPoints: maximum,
                reason: part.outcome.reason)
        }
        let sum = components.reduce(0) { $0 + $1.points }
        let score = min(100, max(0, Int(sum.rounded())))
        return FitAssessment(
            candidateID: candidate.id, placeID: place.id, exclusions: [], score: score, components: components)
    }

    /// A matching round over these candidates (applicants, in order) and places (postings, in
    /// order): every feasible pair with its score, capacities from the places.
    public func matchingInstance(
        candidates: [CandidateProfile], places: [PlaceProfile]
    ) throws(MatchingInstanceError) -> MatchingInstance {
        var pairs: [ScoredPair] = []
        for (applicant, candidate) in candidates.enumerated() {
            for (posting, place) in places.enumerated() {
                let assessment = assess(candidate, for: place)
                if assessment.isFeasible {
                    pairs.append(ScoredPair(applicant: applicant, posting: posting, score: assessment.score))
                }
            }
        }
        return try MatchingInstance(
            applicantCount: candidates.count, postingCapacities: places.map(\.capacity), pairs: pairs)
    }

    private func skills(_ candidate: CandidateProfile, _ place: PlaceProfile) -> (Double, FitReason) {
        guard !place.skills.isEmpty else { return (1, .noSkillsAsked) }
        let matched = place.skills.intersection(candidate.skills).sorted()
        let missing = place.skills.subtracting(candidate.skills).sorted()
        return (Double(matched.count) / Double(place.skills.count), .skills(matched: matched, missing: missing))
    }

    private func preference(_ candidate: CandidateProfile, _ place: PlaceProfile) -> (Double, FitReason) {
        guard let rank = candidate.preferredAreas.firstIndex(of: place.area) else {
            return (0, .areaNotPreferred(area: place.area))
        }
        let credit = rank < weights.preferenceCredits.count ? weights.preferenceCredits[rank] : 0
        return (credit, .preferredArea(area: place.area, rank: rank + 1))
    }

    private func language(_ candidate: CandidateProfile, _ place: PlaceProfile) -> (Double, FitReason) {
        guard !place.languageRequirements.isEmpty else { return (1, .noLanguageRequirements) }
        var credit = 0.0
        var fits: [LanguageFit] = []
        for requirement in place.languageRequirements {
            let level = candidate.level(in: requirement.language)
            fits.append(
                LanguageFit(
                    language: requirement.language, level: level, minimum: requirement.minimum,
                    desired: requirement.desired))
            // Meeting the minimum earns a first step; each level towards the desired one adds more.
            let steps = Double(requirement.desired.rawValue - requirement.minimum.rawValue + 1)
            let reached = Double(min(level.rawValue, requirement.desired.rawValue) - requirement.minimum.rawValue + 1)
            credit += max(0, min(1, reached / steps))
        }
        return (credit / Double(place.languageRequirements.count), .languages(fits))
    }

    private func proximity(_ candidate: CandidateProfile, _ place: PlaceProfile) -> (Double, FitReason) {
        let band = filters.proximity(of: candidate, to: place)
        return (weights.proximityCredits.credit(for: band), .proximity(band))
    }
}
