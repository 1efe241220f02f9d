/// What an application says about the applicant, as far as the eligibility rules read it. Every
/// fact the person may leave out or that must be checked is optional: an unknown fact makes a rule
/// ask for a check by hand (orange), never silently pass or fail.
public struct ApplicantFacts: Codable, Sendable, Hashable {
    public var registeredAsJobSeeker: Bool?
    public var birthRegion: BirthRegion
    public var educationLevel: EducationLevel
    public var educationField: EducationField?
    public var educationYear: Int?
    /// Completed upper-secondary school with full grades (the pilot's target group, seed 004 2.3.3).
    public var upperSecondaryFullGrades: Bool?
    public var languages: [SpokenLanguage: LanguageLevel]
    public var swedishWorkExperienceMonths: Int?
    public var permit: PermitKind?
    /// The last day of a temporary permit.
    public var permitEndDate: CivilDate?
    /// Already placed through an earlier intake of the same programme.
    public var placedBeforeInProgramme: Bool

    public init(
        registeredAsJobSeeker: Bool? = nil, birthRegion: BirthRegion = .notStated, educationLevel: EducationLevel = .unknown,
        educationField: EducationField? = nil, educationYear: Int? = nil,
        upperSecondaryFullGrades: Bool? = nil, languages: [SpokenLanguage: LanguageLevel] = [:],
        swedishWorkExperienceMonths: Int? = nil, permit: PermitKind? = nil, permitEndDate: CivilDate? = nil,
        placedBeforeInProgramme: Bool = false
    ) {
        self.registeredAsJobSeeker = registeredAsJobSeeker
        self.birthRegion = birthRegion
        self.educationLevel = educationLevel
        self.educationField = educationField
        self.educationYear = educationYear
        self.upperSecondaryFullGrades = upperSecondaryFullGrades
        self.languages = languages
        self.swedishWorkExperienceMonths = swedishWorkExperienceMonths
        self.permit = permit
        self.permitEndDate = permitEndDate
        self.placedBeforeInProgramme = placedBeforeInProgramme
    }
}

/// The facts a rule can read; a rule names the ones it reads so a case worker sees why it fired
/// and a completion request can ask for exactly those.
public enum ApplicantField: String, CaseIterable, Codable, Sendable, Hashable {
    case registeredAsJobSeeker = "registered_as_job_seeker"
    case birthRegion = "birth_region"
    case educationLevel = "education_level"
    case educationField = "education_field"
    case upperSecondaryFullGrades = "upper_secondary_full_grades"
    case languages
    case swedishWorkExperience = "swedish_work_experience"
    case permit
    case permitEndDate = "permit_end_date"
    case previousPlacements = "previous_placements"
}

/// A field of study or of work. Jobbsprånget's degree fields come first (seed 004 2.1); the rest
/// cover what applicants to the other programmes have studied and want to work with.
public enum EducationField: String, CaseIterable, Codable, Sendable, Hashable {
    case technology
    case computerScience = "computer_science"
    case architecture
    case economics
    case pharmacy
    case humanResources = "human_resources"
    case marketing
    case healthCare = "health_care"
    case teaching
    case law
    case naturalSciences = "natural_sciences"
    case socialSciences = "social_sciences"
    case humanitiesAndArts = "humanities_arts"
    case hospitality
    case construction
    case transportAndLogistics = "transport_logistics"
    case retail
    case administration
    case other

    /// Jobbsprånget's fields: a degree in one of these is a condition of the ordinary intake.
    public static let jobbsprangetFields: [EducationField] = [
        .technology, .computerScience, .architecture, .economics, .pharmacy, .humanResources, .marketing,
    ]
}

/// The applicant's right to live and work in the country during the placement.
public enum PermitKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// A Swedish, Danish or other Nordic citizen: no permit is needed.
    case citizen
    /// An EU/EEA or Swiss citizen: the right of residence, no permit needed.
    case euRightOfResidence = "eu_right_of_residence"
    case permanent
    /// A residence and work permit until `permitEndDate`.
    case temporary
    /// Applied for, or extension applied for, and not yet decided.
    case pending
    case none
}

/// What the applicant does now.
public enum CurrentOccupation: String, CaseIterable, Codable, Sendable, Hashable {
    case unemployed
    case partTimeWork = "part_time_work"
    case fullTimeWork = "full_time_work"
    case studies
    case labourMarketProgramme = "labour_market_programme"
    case other
}
