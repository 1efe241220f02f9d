/// The columns of the register's CSV format, used for import and export alike so that an export
/// can be edited and imported again. One row describes an employer, optionally one of its
/// workplaces, and optionally one place there; employer and workplace repeat on each place's row.
public enum RegisterColumn: String, CaseIterable, Sendable, Hashable {
    case employerName = "employer_name"
    case country
    case organisationNumber = "organisation_number"
    case sector
    case industry
    case employees
    case workplaceName = "workplace_name"
    case address
    case postalCode = "postal_code"
    case city
    case district
    case pNumber = "p_number"
    case placeTitle = "place_title"
    case occupationField = "occupation_field"
    case tasks
    case capacity
    case periodStart = "period_start"
    case periodEnd = "period_end"
    case hoursPerWeek = "hours_per_week"
    case languageRequirement = "language_requirement"
    case remotePossible = "remote_possible"
    case regime
    case unitCode = "unit_code"
    case status

    /// A file must have these; every other column may be left out.
    public static let required: [RegisterColumn] = [.employerName, .organisationNumber]

    /// Columns that make up a workplace; any of them filled means the row has one.
    static let workplaceColumns: [RegisterColumn] = [.workplaceName, .address, .postalCode, .city, .district, .pNumber]
    static let placeColumns: [RegisterColumn] = [
        .placeTitle, .occupationField, .tasks, .capacity, .periodStart, .periodEnd, .hoursPerWeek,
        .languageRequirement, .remotePossible, .regime, .unitCode, .status,
    ]
}
