/// What a rule requires, as data: a rule set is stored as JSON with the intake it was used for, so
/// an old intake is always judged by the rules it was announced with.
public enum EligibilityCondition: Codable, Sendable, Hashable {
    /// Registered as a job seeker with the employment service (or the job centre).
    case registeredAsJobSeeker
    /// Born in one of these regions.
    case bornIn(regions: [BirthRegion])
    /// Highest completed education at least this level.
    case educationAtLeast(level: EducationLevel)
    /// Education (a degree, for post-secondary levels) in one of these fields.
    case educationFieldIn(fields: [EducationField])
    /// Completed upper-secondary school with full grades.
    case upperSecondaryWithFullGrades
    /// At most this many months of work in the country: the programme is for people with limited
    /// experience of its labour market.
    case workExperienceAtMost(months: Int)
    /// At least `level` in one of `languages`.
    case languageAtLeast(languages: [SpokenLanguage], level: LanguageLevel)
    /// A right to live and work here that lasts through the last day of the placement period.
    case permitValidThroughPlacement
    /// Not placed before through this programme.
    case notPlacedBeforeInProgramme

    /// Whether the facts meet the condition, or cannot tell without a check.
    public enum Outcome: String, Codable, Sendable, Hashable {
        case met
        case notMet = "not_met"
        case unknown
    }

    public func evaluate(_ facts: ApplicantFacts, in context: EligibilityContext) -> Outcome {
        switch self {
        case .registeredAsJobSeeker:
            guard let registered = facts.registeredAsJobSeeker else { return .unknown }
            return registered ? .met : .notMet
        case .bornIn(let regions):
            guard facts.birthRegion != .notStated else { return .unknown }
            return regions.contains(facts.birthRegion) ? .met : .notMet
        case .educationAtLeast(let level):
            guard let rank = facts.educationLevel.rank else { return .unknown }
            return rank >= (level.rank ?? 0) ? .met : .notMet
        case .educationFieldIn(let fields):
            guard let field = facts.educationField else { return .unknown }
            return fields.contains(field) ? .met : .notMet
        case .upperSecondaryWithFullGrades:
            guard let rank = facts.educationLevel.rank else { return .unknown }
            guard rank >= (EducationLevel.upperSecondary.rank ?? 0) else { return .notMet }
            guard let full = facts.upperSecondaryFullGrades else { return .unknown }
            return full ? .met : .notMet
        case .workExperienceAtMost(let months):
            guard let experience = facts.swedishWorkExperienceMonths else { return .unknown }
            return experience <= months ? .met : .notMet
        case .languageAtLeast(let languages, let level):
            return languages.contains { facts.languages[$0].map { $0 >= level } ?? false } ? .met : .notMet
        case .permitValidThroughPlacement:
            switch facts.permit {
            case .citizen?, .euRightOfResidence?, .permanent?: return .met
            case .none?: return .notMet
            case .pending?, nil: return .unknown
            case .temporary?:
                guard let end = facts.permitEndDate else { return .unknown }
                return end >= context.placementEnd ? .met : .notMet
            }
        case .notPlacedBeforeInProgramme:
            return facts.placedBeforeInProgramme ? .notMet : .met
        }
    }

    /// The facts this condition reads.
    public var reads: [ApplicantField] {
        switch self {
        case .registeredAsJobSeeker: [.registeredAsJobSeeker]
        case .bornIn: [.birthRegion]
        case .educationAtLeast: [.educationLevel]
        case .educationFieldIn: [.educationField]
        case .upperSecondaryWithFullGrades: [.educationLevel, .upperSecondaryFullGrades]
        case .workExperienceAtMost: [.swedishWorkExperience]
        case .languageAtLeast: [.languages]
        case .permitValidThroughPlacement: [.permit, .permitEndDate]
        case .notPlacedBeforeInProgramme: [.previousPlacements]
        }
    }
}

/// What the rules need to know about the intake itself.
public struct EligibilityContext: Sendable, Hashable {
    public var placementStart: CivilDate
    /// The last day of the placement period: a permit must last at least until then.
    public var placementEnd: CivilDate

    public init(placementStart: CivilDate, placementEnd: CivilDate) {
        self.placementStart = placementStart
        self.placementEnd = placementEnd
    }
}

extension EducationLevel {
    /// The levels in order; `unknown` has no place in the order.
    var rank: Int? {
        switch self {
        case .lessThanCompulsory: 0
        case .compulsory: 1
        case .upperSecondary: 2
        case .postSecondaryShort: 3
        case .postSecondaryLong: 4
        case .unknown: nil
        }
    }
}
