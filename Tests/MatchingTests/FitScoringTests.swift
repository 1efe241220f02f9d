import Testing

@testable import Matching

@Suite struct FitScoringTests {
    let place = PlaceProfile(
        id: "p1", capacity: 2, acceptedFields: ["it", "admin"], skills: ["swift", "sql", "git", "linux"],
        area: "software",
        location: Location(municipality: "0180", region: "01"),
        languageRequirements: [LanguageRequirement(language: "sv", minimum: .basic, desired: .fluent)],
        start: PlacementDay(year: 2026, month: 3, day: 1), end: PlacementDay(year: 2026, month: 5, day: 31))

    func candidate(
        field: String = "it", skills: Set<String> = ["swift", "sql"], areas: [String] = ["health", "software"],
        swedish: LanguageBand = .intermediate, municipality: String = "0180", region: String = "01",
        range: TravelRange = .ownRegion, from: PlacementDay? = nil, until: PlacementDay? = nil
    ) -> CandidateProfile {
        CandidateProfile(
            id: "c1", educationField: field, skills: skills, preferredAreas: areas, languages: ["sv": swedish],
            location: Location(municipality: municipality, region: region), travelRange: range, availableFrom: from,
            availableUntil: until)
    }

    @Test func scoresEachComponentAndExplainsIt() {
        let assessment = FitScorer().assess(candidate(), for: place)
        #expect(assessment.isFeasible)
        let points = Dictionary(uniqueKeysWithValues: assessment.components.map { ($0.kind, $0.points) })
        #expect(points[.skills] == 45 * 0.5)
        #expect(points[.preference] == 20 * 0.65)
        #expect(points[.language] == 15 * 2.0 / 3.0)
        #expect(points[.proximity] == 20)
        #expect(assessment.score == Int((22.5 + 13 + 10 + 20).rounded()))
        let reasons = assessment.components.map(\.reason)
        #expect(reasons.contains(.skills(matched: ["sql", "swift"], missing: ["git", "linux"])))
        #expect(reasons.contains(.preferredArea(area: "software", rank: 2)))
        #expect(reasons.contains(.proximity(.sameMunicipality)))
    }

    @Test func hardFiltersExcludeWithReasons() {
        let scorer = FitScorer(regions: RegionMap(neighbours: ["01": ["03"]]))
        let wrongField = scorer.assess(candidate(field: "health"), for: place)
        #expect(wrongField.exclusions == [.fieldNotAccepted(field: "health")])
        #expect(wrongField.score == 0)
        #expect(wrongField.components.isEmpty)
        let tooFar = scorer.assess(candidate(municipality: "0380", region: "03"), for: place)
        #expect(tooFar.exclusions == [.outsideTravelRange(.ownRegion)])
        let willing = scorer.assess(
            candidate(municipality: "0380", region: "03", range: .neighbouringRegions), for: place)
        #expect(willing.isFeasible)
        #expect(willing.components.last?.reason == .proximity(.neighbouringRegion))
        let noSwedish = scorer.assess(candidate(swedish: .none), for: place)
        #expect(noSwedish.exclusions == [.languageBelowMinimum(language: "sv", minimum: .basic, actual: .none)])
        let late = scorer.assess(candidate(from: PlacementDay(year: 2026, month: 3, day: 2)), for: place)
        #expect(late.exclusions.count == 1)
        let leavesEarly = scorer.assess(candidate(until: PlacementDay(year: 2026, month: 5, day: 30)), for: place)
        #expect(leavesEarly.exclusions.count == 1)
        let everything = scorer.assess(
            candidate(
                field: "x", swedish: .none, municipality: "0980", region: "09",
                from: PlacementDay(year: 2027, month: 1, day: 1)),
            for: place)
        #expect(everything.exclusions.count == 4)
    }

    @Test func remotePlacesAcceptAnyone() {
        var remote = place
        remote.remote = true
        let assessment = FitScorer().assess(
            candidate(municipality: "2480", region: "24", range: .ownMunicipality), for: remote)
        #expect(assessment.isFeasible)
        #expect(assessment.components.last?.reason == .proximity(.remote))
    }

    @Test func chosenMunicipalitiesAreWithinReachWhateverTheRange() {
        var chooser = candidate(municipality: "0184", region: "01", range: .ownMunicipality)
        #expect(FitScorer().assess(chooser, for: place).exclusions == [.outsideTravelRange(.ownMunicipality)])
        chooser.chosenMunicipalities = ["0180"]
        let assessment = FitScorer().assess(chooser, for: place)
        #expect(assessment.isFeasible)
        #expect(assessment.components.last?.reason == .proximity(.sameRegion))
    }

    @Test func weightsAreConfigurationWithDefaults() throws {
        let decoded = try JSONLikeDecoding.decodeWeights(skills: 60)
        #expect(decoded.skills == 60)
        #expect(decoded.preference == FitWeights.standard.preference)
        #expect(decoded.proximityCredits == FitWeights.standard.proximityCredits)
        let skillsOnly = FitScorer(weights: FitWeights(skills: 1, preference: 0, language: 0, proximity: 0))
        #expect(skillsOnly.assess(candidate(), for: place).score == 50)
    }

    @Test func buildsAMatchingInstanceOfFeasiblePairs() throws {
        var other = place
        other.id = "p2"
        other.capacity = 1
        other.acceptedFields = ["health"]
        let round = try FitScorer().matchingInstance(
            candidates: [candidate(), candidate(field: "health")], places: [place, other])
        #expect(round.postingCapacities == [2, 1])
        #expect(round.allPairs.map(\.posting) == [0, 1])
        #expect(round.allPairs.map(\.applicant) == [0, 1])
        #expect(round.allPairs.allSatisfy { (0...100).contains($0.score) })
    }
}

/// Decodes `FitWeights` from a minimal keyed container holding one value, without Foundation.
enum JSONLikeDecoding {
    static func decodeWeights(skills: Double) throws -> FitWeights {
        try FitWeights(from: SingleValueDecoder(values: ["skills": skills]))
    }

    private struct SingleValueDecoder: Decoder {
        let values: [String: Double]
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Container<Key>(values: values))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Double].self, .init(codingPath: [], debugDescription: "unused"))
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            throw DecodingError.typeMismatch(Double.self, .init(codingPath: [], debugDescription: "unused"))
        }
    }

    private struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let values: [String: Double]
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { values.keys.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }
        func decodeNil(forKey key: Key) throws -> Bool { values[key.stringValue] == nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let value = values[key.stringValue] as? T else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "absent"))
            }
            return value
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "absent"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "absent"))
        }

        func superDecoder() throws -> any Decoder { SingleValueDecoder(values: [:]) }
        func superDecoder(forKey key: Key) throws -> any Decoder { SingleValueDecoder(values: [:]) }
    }
}
