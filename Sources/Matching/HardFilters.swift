/// Which regions border each other; proximity and travel ranges depend on it.
public struct RegionMap: Sendable, Hashable, Codable {
    public var neighbours: [String: Set<String>]

    public init(neighbours: [String: Set<String>] = [:]) {
        self.neighbours = neighbours
    }

    /// Neighbourhood is symmetric whichever way round it was written down.
    public func areNeighbours(_ first: String, _ second: String) -> Bool {
        neighbours[first]?.contains(second) == true || neighbours[second]?.contains(first) == true
    }
}

/// How near a place is to a candidate, nearest first.
public enum ProximityBand: String, Sendable, Hashable, Codable, CaseIterable {
    case sameMunicipality
    case sameRegion
    case remote
    case neighbouringRegion
    case farther
}

/// Why a candidate cannot be put forward for a place at all.
public enum Exclusion: Sendable, Hashable, Codable, CustomStringConvertible {
    case fieldNotAccepted(field: String)
    case outsideTravelRange(TravelRange)
    case languageBelowMinimum(language: String, minimum: LanguageBand, actual: LanguageBand)
    case notAvailable(from: PlacementDay?, until: PlacementDay?)

    public var description: String {
        switch self {
        case .fieldNotAccepted(let field): "the place does not accept the education field \(field)"
        case .outsideTravelRange(let range): "the place is outside the candidate's travel range (\(range.rawValue))"
        case .languageBelowMinimum(let language, let minimum, let actual):
            "\(language) at level \(actual.rawValue), the place requires \(minimum.rawValue)"
        case .notAvailable(let from, let until):
            "available \(from.map(String.init(describing:)) ?? "now") "
                + "to \(until.map(String.init(describing:)) ?? "open end"), which does not cover the placement period"
        }
    }
}

/// The hard filters: a pair failing any of them is not feasible, whatever its score would be.
public struct HardFilters: Sendable, Hashable, Codable {
    public var regions: RegionMap

    public init(regions: RegionMap = RegionMap()) {
        self.regions = regions
    }

    /// Every reason the candidate is excluded from the place; empty when feasible.
    public func exclusions(of candidate: CandidateProfile, for place: PlaceProfile) -> [Exclusion] {
        var found: [Exclusion] = []
        if !place.acceptedFields.contains(candidate.educationField) {
            found.append(.fieldNotAccepted(field: candidate.educationField))
        }
        if !withinTravelRange(candidate, place) {
            found.append(.outsideTravelRange(candidate.travelRange))
        }
        for requirement in place.languageRequirements
        where candidate.level(in: requirement.language) < requirement.minimum {
            found.append(
                .languageBelowMinimum(
                    language: requirement.language, minimum: requirement.minimum,
                    actual: candidate.level(in: requirement.language)))
        }
        let startsInTime = candidate.availableFrom.map { $0 <= place.start } ?? true
        let staysToTheEnd = candidate.availableUntil.map { $0 >= place.end } ?? true
        if !startsInTime || !staysToTheEnd {
            found.append(.notAvailable(from: candidate.availableFrom, until: candidate.availableUntil))
        }
        return found
    }

    public func proximity(of candidate: CandidateProfile, to place: PlaceProfile) -> ProximityBand {
        if candidate.location.municipality == place.location.municipality { return .sameMunicipality }
        if candidate.location.region == place.location.region { return .sameRegion }
        if place.remote { return .remote }
        if regions.areNeighbours(candidate.location.region, place.location.region) { return .neighbouringRegion }
        return .farther
    }

    private func withinTravelRange(_ candidate: CandidateProfile, _ place: PlaceProfile) -> Bool {
        if place.remote || candidate.chosenMunicipalities.contains(place.location.municipality) { return true }
        switch (candidate.travelRange, proximity(of: candidate, to: place)) {
        case (.anywhere, _), (_, .sameMunicipality): return true
        case (.ownRegion, .sameRegion), (.neighbouringRegions, .sameRegion): return true
        case (.neighbouringRegions, .neighbouringRegion): return true
        default: return false
        }
    }
}
