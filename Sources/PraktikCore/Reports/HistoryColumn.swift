/// The columns of the history file (issue 14): one row per placement from an earlier system, so a
/// new installation reports on its past. The order is the one `praktik import history` documents
/// and the benchmark writes; a file may put them in any order, by its header.
public enum HistoryColumn: String, CaseIterable, Sendable, Hashable {
    case personNumber = "person_number"
    case gender
    case birthYear = "birth_year"
    case birthRegion = "birth_region"
    case benefitType = "benefit_type"
    case unit
    case organisationNumber = "organisation_number"
    case employerName = "employer_name"
    case regime
    case purpose
    case startDate = "start_date"
    case endDate = "end_date"
    case hiredByHost = "hired_by_host"
    case outcomeAtExit = "outcome_at_exit"
    case outcome3Months = "outcome_3_months"
    case benefitPaid = "benefit_paid"

    /// Columns every file must have. The others may be left out, which means "not known" for every
    /// row (a column that is there may still be empty on a row where the issue allows it).
    public static let required: [HistoryColumn] = [
        .personNumber, .gender, .birthYear, .birthRegion, .benefitType, .unit, .organisationNumber, .employerName, .startDate,
        .endDate,
    ]
}
