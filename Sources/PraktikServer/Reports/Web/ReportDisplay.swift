import PraktikCore
import Vapor

/// How a report's published text (codes, counts, amounts as the CSV writes them) reads on a page in
/// the reader's language: codes through their translations, a purpose by its name in the register,
/// amounts in whole kronor or kroner with the language's digit grouping. The CSV and the command line
/// keep the published text unchanged.
struct ReportDisplay {
    let translate: (String) -> String
    let formatting: LocalFormatting
    /// A purpose's name in the reader's language, by its code (`programme_purposes`).
    let purposeNames: [String: String]

    static let moneyColumns: Set<String> = ["benefit_paid", "per_placement", "per_positive_outcome"]
    static let numericColumns: Set<String> = Set([
        "ended", "ordinary_work_or_education", "share_percent", "placements", "starts", "positive_outcomes", "hired_by_host",
        "not_hired", "unknown", "answers", "positive", "average", "decided", "median_days", "within_14_days", "people", "places",
        "empty_seats", "measured", "ci_low_percent", "ci_high_percent",
    ]).union(moneyColumns)

    static func load(_ request: Request) async throws -> ReportDisplay {
        let language = request.language
        var names: [String: String] = [:]
        for purpose in try await ProgrammePurpose.query(on: request.db).sort(\.$position).all() where names[purpose.code] == nil {
            names[purpose.code] = purpose.name(in: language.rawValue)
        }
        return ReportDisplay(
            translate: { request.translate($0) }, formatting: LocalFormatting(language: language), purposeNames: names)
    }

    /// Codes are shown translated; counts and shares as numbers; amounts as money.
    func cell(column: String, value: String) -> ReportsController.Cell {
        let prefixes = [
            "benefit_type": "benefit-type.", "gender": "report.gender.", "outcome": "outcome-status.", "regime": "regime.",
            "respondent": "report.respondent.", "question": "report.question.", "stage": "funnel.stage.",
            "reason": "unfilled-reason.", "group": "report.group.",
        ]
        if let prefix = prefixes[column] {
            let key = value == "all" ? "report.all" : value == "unknown" && column == "regime" ? "report.unknown" : prefix + value
            return .init(text: value, key: key, isNumber: false)
        }
        if column == "purpose" {
            if value == "unknown" { return .init(text: value, key: "report.unknown", isNumber: false) }
            if value == "all" { return .init(text: value, key: "report.all", isNumber: false) }
            return .init(text: purposeNames[value] ?? value, key: nil, isNumber: false)
        }
        if (column == "unit" || column == "intake") && value == "all" { return .init(text: value, key: "report.all", isNumber: false) }
        if Self.moneyColumns.contains(column) { return .init(text: money(value), key: nil, isNumber: true) }
        return .init(text: value, key: nil, isNumber: Self.numericColumns.contains(column))
    }

    /// `"34567.89"` → `"34 568"` (Swedish), `"34,568"` (English), `"34.568"` (Danish); a hidden mark
    /// or an empty cell stays as it is.
    func money(_ value: String) -> String {
        guard let minor = MoneyAmount.minorUnits(value) else { return value }
        let whole = (minor + 50) / 100
        return formatting.number(Double(whole))
    }

    /// A chart group's label: the row's codes in words.
    func label(_ labels: [String], report: PlacementReports.Name) -> String {
        func all(_ text: String, _ key: String) -> String { text == "all" ? translate("report.all") : translate(key + text) }
        switch report {
        case .outcome3Months:
            let unit = labels.count > 1 ? (labels[1] == "all" ? translate("report.all") : labels[1]) : ""
            return all(labels.first ?? "", "benefit-type.") + " · " + unit
        case .outcomesAtExit: return all(labels.first ?? "", "outcome-status.")
        case .starts: return labels.first ?? ""
        case .costs: return all(labels.first ?? "", "benefit-type.")
        case .jobAtHost:
            let purpose = labels.first ?? ""
            if purpose == "all" { return translate("report.all") }
            if purpose == "unknown" { return translate("report.unknown") }
            return purposeNames[purpose] ?? purpose
        case .turnaround: return labels.first == "all" ? translate("report.all") : labels.first ?? ""
        case .funnel: return (labels.first ?? "") + " · " + translate("funnel.stage." + (labels.count > 1 ? labels[1] : ""))
        case .unfilledPlaces: return all(labels.first ?? "", "unfilled-reason.")
        case .comparison:
            return (labels.first ?? "") + " · " + translate("report.group." + (labels.count > 1 ? labels[1] : ""))
        case .feedback:
            return translate("report.respondent." + (labels.first ?? "")) + " · "
                + translate("report.question." + (labels.count > 1 ? labels[1] : ""))
        }
    }
}
