/// A day in the calendar, without time zones: placement periods and availability are whole days.
/// Named apart from `PraktikCore.CivilDate` (which the server stores): Matching depends on nothing,
/// so the server converts a `CivilDate` into this at the boundary.
public struct PlacementDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: PlacementDay, rhs: PlacementDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(month)-\(day)"
    }
}

/// How well someone speaks a language, in four coarse bands from none to fluent, as fit scoring
/// compares them. Named apart from `PraktikCore.LanguageLevel` (the CEFR scale A1–C2 and native that
/// the register records): the server maps each CEFR level onto a band when it builds a profile.
public enum LanguageBand: Int, Sendable, Hashable, Comparable, Codable, CaseIterable {
    case none = 0
    case basic = 1
    case intermediate = 2
    case fluent = 3

    public static func < (lhs: LanguageBand, rhs: LanguageBand) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where someone lives or a place is: municipality and region codes.
public struct Location: Sendable, Hashable, Codable {
    public var municipality: String
    public var region: String

    public init(municipality: String, region: String) {
        self.municipality = municipality
        self.region = region
    }
}

/// How far a candidate can travel to a place.
public enum TravelRange: String, Sendable, Hashable, Codable, CaseIterable {
    case ownMunicipality
    case ownRegion
    case neighbouringRegions
    case anywhere
}

/// What matching needs to know about a participant; the server maps its records onto this.
public struct CandidateProfile: Sendable, Hashable, Codable {
    public var id: String
    public var educationField: String
    public var skills: Set<String>
    /// Occupational areas the candidate wants, most wanted first.
    public var preferredAreas: [String]
    public var languages: [String: LanguageBand]
    public var location: Location
    public var travelRange: TravelRange
    /// Municipalities besides their own where the candidate chose to work (an applicant's preferred
    /// districts): a place in one of them is within reach whatever the travel range says.
    public var chosenMunicipalities: Set<String>
    /// Nil means available from now on.
    public var availableFrom: PlacementDay?
    /// Nil means no end to availability.
    public var availableUntil: PlacementDay?

    public init(
        id: String, educationField: String, skills: Set<String> = [], preferredAreas: [String] = [],
        languages: [String: LanguageBand] = [:], location: Location, travelRange: TravelRange = .ownRegion,
        chosenMunicipalities: Set<String> = [], availableFrom: PlacementDay? = nil, availableUntil: PlacementDay? = nil
    ) {
        self.id = id
        self.educationField = educationField
        self.skills = skills
        self.preferredAreas = preferredAreas
        self.languages = languages
        self.location = location
        self.travelRange = travelRange
        self.chosenMunicipalities = chosenMunicipalities
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
    }

    public func level(in language: String) -> LanguageBand { languages[language] ?? .none }
}
