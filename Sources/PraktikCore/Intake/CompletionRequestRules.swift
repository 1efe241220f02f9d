/// What a case worker can ask an applicant to complete (komplettering), and the facts the
/// applicant may then correct on the status page.
public enum CompletionItem: String, CaseIterable, Codable, Sendable, Hashable {
    /// The residence and work permit: its kind and end date (seed 004: documents from Migrationsverket).
    case permit
    case registration
    case education
    case languages
    case workExperience = "work_experience"
    /// Anything else, described in the request's message.
    case other

    /// The facts the applicant may change when answering for this item.
    public var fields: [ApplicantField] {
        switch self {
        case .permit: [.permit, .permitEndDate]
        case .registration: [.registeredAsJobSeeker]
        case .education: [.educationLevel, .educationField, .upperSecondaryFullGrades]
        case .languages: [.languages]
        case .workExperience: [.swedishWorkExperience]
        case .other: []
        }
    }

    /// The item that asks for what a fired rule reads, so a case worker's request starts from the
    /// rules that could not tell.
    public static func suggested(for fired: [FiredRule], in ruleSet: EligibilityRuleSet) -> [CompletionItem] {
        let fields = Set(fired.filter { $0.outcome == .unknown || $0.colour == .orange }.flatMap { ruleSet.rule($0.code)?.reads ?? [] })
        return allCases.filter { item in item.fields.contains(where: fields.contains) }
    }
}

/// When a completion request must be answered, and when the applicant is reminded.
public struct CompletionDeadlinePolicy: Sendable, Hashable {
    /// The shortest time an applicant is given to answer.
    public var minimumDays: Int
    public var maximumDays: Int
    /// The reminder goes out this many days before the deadline (if that is still ahead).
    public var reminderDaysBefore: Int

    public init(minimumDays: Int = 3, maximumDays: Int = 60, reminderDaysBefore: Int = 2) {
        self.minimumDays = minimumDays
        self.maximumDays = maximumDays
        self.reminderDaysBefore = reminderDaysBefore
    }

    public enum Refusal: String, Error, Sendable, Hashable {
        case tooSoon = "completion.deadline.too-soon"
        case tooLate = "completion.deadline.too-late"

        public var code: String { rawValue }
    }

    public func check(deadline: CivilDate, today: CivilDate) throws(Refusal) {
        let days = deadline.dayNumber - today.dayNumber
        if days < minimumDays { throw .tooSoon }
        if days > maximumDays { throw .tooLate }
    }

    /// The day of the reminder, or nil when that day is not after `today` (the request itself is
    /// the reminder then).
    public func reminderDay(deadline: CivilDate, today: CivilDate) -> CivilDate? {
        guard let day = deadline.adding(days: -reminderDaysBefore), day > today else { return nil }
        return day
    }

    /// The default deadline offered on the form.
    public func defaultDeadline(today: CivilDate) -> CivilDate {
        today.adding(days: 14) ?? today
    }
}
