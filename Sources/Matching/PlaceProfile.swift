/// A language a place needs: below `minimum` a candidate is excluded, at `desired` the language
/// component gives full credit.
public struct LanguageRequirement: Sendable, Hashable, Codable {
    public var language: String
    public var minimum: LanguageBand
    public var desired: LanguageBand

    public init(language: String, minimum: LanguageBand, desired: LanguageBand? = nil) {
        self.language = language
        self.minimum = minimum
        self.desired = max(desired ?? minimum, minimum)
    }
}

/// What matching needs to know about a work-practice place; the server maps its records onto this.
public struct PlaceProfile: Sendable, Hashable, Codable {
    public var id: String
    public var capacity: Int
    /// Education fields the employer accepts.
    public var acceptedFields: Set<String>
    /// Skills the tasks call for.
    public var skills: Set<String>
    /// The occupational area, compared with candidates' preferences.
    public var area: String
    public var location: Location
    /// Remote places accept candidates from anywhere.
    public var remote: Bool
    public var languageRequirements: [LanguageRequirement]
    public var start: PlacementDay
    public var end: PlacementDay

    public init(
        id: String, capacity: Int = 1, acceptedFields: Set<String>, skills: Set<String> = [], area: String,
        location: Location, remote: Bool = false, languageRequirements: [LanguageRequirement] = [],
        start: PlacementDay, end: PlacementDay
    ) {
        self.id = id
        self.capacity = capacity
        self.acceptedFields = acceptedFields
        self.skills = skills
        self.area = area
        self.location = location
        self.remote = remote
        self.languageRequirements = languageRequirements
        self.start = start
        self.end = end
    }
}
