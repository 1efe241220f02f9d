/// How much each component counts towards the fit score, and the partial credits inside them.
///
/// Configuration, not code: decoding fills in a default for every key left out, so a
/// programme can override one weight without restating the rest.
public struct FitWeights: Sendable, Hashable, Codable {
    public var skills: Double
    public var preference: Double
    public var language: Double
    public var proximity: Double
    /// Credit for the place's area being the candidate's first, second, third... choice.
    public var preferenceCredits: [Double]
    public var proximityCredits: ProximityCredits

    /// The defaults mirror the reference instance generator: 45 / 20 / 15 / 20.
    public static let standard = FitWeights()

    public init(
        skills: Double = 45, preference: Double = 20, language: Double = 15, proximity: Double = 20,
        preferenceCredits: [Double] = [1, 0.65, 0.35], proximityCredits: ProximityCredits = ProximityCredits()
    ) {
        self.skills = skills
        self.preference = preference
        self.language = language
        self.proximity = proximity
        self.preferenceCredits = preferenceCredits
        self.proximityCredits = proximityCredits
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = FitWeights()
        skills = try container.decodeIfPresent(Double.self, forKey: .skills) ?? standard.skills
        preference = try container.decodeIfPresent(Double.self, forKey: .preference) ?? standard.preference
        language = try container.decodeIfPresent(Double.self, forKey: .language) ?? standard.language
        proximity = try container.decodeIfPresent(Double.self, forKey: .proximity) ?? standard.proximity
        preferenceCredits =
            try container.decodeIfPresent([Double].self, forKey: .preferenceCredits) ?? standard.preferenceCredits
        proximityCredits =
            try container.decodeIfPresent(ProximityCredits.self, forKey: .proximityCredits) ?? standard.proximityCredits
    }

    /// The sum of the component weights; scores are scaled so that it maps to 100.
    var total: Double { skills + preference + language + proximity }
}

/// Credit for how close a place is, by distance band.
public struct ProximityCredits: Sendable, Hashable, Codable {
    public var sameMunicipality: Double
    public var sameRegion: Double
    public var remote: Double
    public var neighbouringRegion: Double
    public var farther: Double

    public init(
        sameMunicipality: Double = 1, sameRegion: Double = 0.6, remote: Double = 0.4,
        neighbouringRegion: Double = 0.25, farther: Double = 0.1
    ) {
        self.sameMunicipality = sameMunicipality
        self.sameRegion = sameRegion
        self.remote = remote
        self.neighbouringRegion = neighbouringRegion
        self.farther = farther
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = ProximityCredits()
        sameMunicipality =
            try container.decodeIfPresent(Double.self, forKey: .sameMunicipality) ?? standard.sameMunicipality
        sameRegion = try container.decodeIfPresent(Double.self, forKey: .sameRegion) ?? standard.sameRegion
        remote = try container.decodeIfPresent(Double.self, forKey: .remote) ?? standard.remote
        neighbouringRegion =
            try container.decodeIfPresent(Double.self, forKey: .neighbouringRegion) ?? standard.neighbouringRegion
        farther = try container.decodeIfPresent(Double.self, forKey: .farther) ?? standard.farther
    }

    func credit(for band: ProximityBand) -> Double {
        switch band {
        case .sameMunicipality: sameMunicipality
        case .sameRegion: sameRegion
        case .remote: remote
        case .neighbouringRegion: neighbouringRegion
        case .farther: farther
        }
    }
}
