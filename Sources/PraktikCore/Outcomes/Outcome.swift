/// When an outcome is measured, relative to the end of the placement or programme.
public enum OutcomeHorizon: String, CaseIterable, Codable, Sendable {
    case atExit = "at_exit"
    case threeMonths = "3_months"
    case sixMonths = "6_months"
    case twelveMonths = "12_months"

    /// Months after exit; zero at exit.
    public var months: Int {
        switch self {
        case .atExit: 0
        case .threeMonths: 3
        case .sixMonths: 6
        case .twelveMonths: 12
        }
    }

    /// The first day the outcome at this horizon can be known: `months` calendar months after the
    /// exit (the 3-month outcome of an exit on 30 November from 28 or 29 February).
    public func firstDay(afterExit exit: CivilDate) -> CivilDate {
        exit.adding(months: months) ?? exit
    }
}

/// What the person is doing at the horizon. "Ordinary work or education" (seed 003's measure)
/// is `work` or `studies`; subsidised employment is counted apart.
public enum OutcomeStatus: String, CaseIterable, Codable, Sendable {
    case work
    case subsidisedWork = "subsidised_work"
    case studies
    case stillEnrolled = "still_enrolled"
    case referredBack = "referred_back"
    case otherProgramme = "other_programme"
    case jobSeeking = "job_seeking"
    case unknown

    public var isOrdinaryWorkOrEducation: Bool { self == .work || self == .studies }
}

public enum OutcomeSource: String, CaseIterable, Codable, Sendable {
    case participant
    case employer
    case caseWorker = "case_worker"
    case register
}
