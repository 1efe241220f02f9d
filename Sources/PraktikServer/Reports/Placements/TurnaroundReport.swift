import Fluent
import Foundation
import PraktikCore
import SQLKit

/// `turnaround` (seed 004): how long applicants wait for the first eligibility decision by a person,
/// per intake and gender, counted over the applications whose first decision fell in the period.
extension PlacementReports {
    private struct DecidedApplication: Decodable {
        let intake: String
        let gender: String
        let submittedAt: Date
        let decidedAt: Date
    }

    /// `intake,gender,decided,median_days,within_14_days,share_percent`, with the intake `all`. The
    /// median (one decimal) is shown only beside a shown count; the share only where both counts are.
    func turnaround(_ period: Period, exact: Bool) async throws -> Table {
        guard let start = period.from.moment(atHour: 0), let end = period.to.adding(days: 1)?.moment(atHour: 0) else {
            return Table(name: .turnaround, header: Self.turnaroundHeader, rows: [], bars: [], barColumn: "share_percent")
        }
        let decided = try await sql.raw(
            """
            SELECT i.name AS intake, a.gender AS gender, a.submitted_at AS "submittedAt", a.first_decided_at AS "decidedAt"
            FROM applications a JOIN intakes i ON i.id = a.intake_id
            WHERE a.first_decided_at >= \(bind: start) AND a.first_decided_at < \(bind: end)
            """
        ).all(decoding: DecidedApplication.self)
        var counts: [String: GenderCount] = [:]
        var prompt: [String: GenderCount] = [:]
        var days: [String: [ReportGender: [Double]]] = [:]
        for application in decided {
            let gender = Gender(rawValue: application.gender) ?? .notStated
            let waited = application.decidedAt.timeIntervalSince(application.submittedAt) / 86_400
            counts[application.intake, default: GenderCount()].add(gender)
            prompt[application.intake, default: GenderCount()].add(gender, Turnaround.isPrompt(days: waited) ? 1 : 0)
            for column in ReportGender.columns(for: gender) {
                days[application.intake, default: [:]][column, default: []].append(waited)
                days["all", default: [:]][column, default: []].append(waited)
            }
        }
        let intakes = counts.keys.sorted()
        let base = GenderSplitBlock(rows: intakes.map { counts[$0] ?? GenderCount() }).disclose(policy, exact: exact)
        let measure = GenderSplitBlock(rows: intakes.map { prompt[$0] ?? GenderCount() }).disclose(policy, exact: exact)
        var rows: [[String]] = []
        var bars: [Bar] = []
        for (index, intake) in (intakes + ["all"]).enumerated() {
            let baseRow = index < intakes.count ? base.rows[index] : base.totals
            let measureRow = index < intakes.count ? measure.rows[index] : measure.totals
            var medians: [ReportGender: String] = [:]
            for gender in ReportGender.allCases {
                let median =
                    baseRow[gender].shownValue.flatMap { $0 > 0 ? Turnaround.median(days[intake]?[gender] ?? []) : nil }
                    .map { String(format: "%.1f", $0) } ?? ""
                medians[gender] = median
                rows.append([
                    intake, gender.rawValue, hiddenText(baseRow[gender]), median, hiddenText(measureRow[gender]),
                    ReportShare.percent(measureRow[gender], of: baseRow[gender]) ?? "",
                ])
            }
            bars.append(Bar(labels: [intake], women: medians[.women] ?? "", men: medians[.men] ?? ""))
        }
        return Table(name: .turnaround, header: Self.turnaroundHeader, rows: rows, bars: bars, barColumn: "median_days")
    }

    static let turnaroundHeader = ["intake", "gender", "decided", "median_days", "within_14_days", "share_percent"]
}
