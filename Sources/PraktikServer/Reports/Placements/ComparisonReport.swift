import Fluent
import Foundation
import PraktikCore
import SQLKit

/// `comparison` (issue 14): the situation 3 months after the placement period of an intake's
/// eligible applicants, those placed against those not placed, with Wilson 95% intervals. A
/// descriptive comparison, not an effect: those placed were chosen and differ from those who were
/// not. The placed group's status is their placement's own 3-month outcome; the others' is the
/// register's (`applicant_outcomes`, imported by `praktik import applicant-outcomes`).
extension PlacementReports {
    static let comparisonHeader = [
        "intake", "group", "gender", "measured", "ordinary_work_or_education", "share_percent", "ci_low_percent", "ci_high_percent",
    ]

    enum ComparisonGroup: String, CaseIterable {
        case placed
        case notPlaced = "not_placed"
    }

    private struct ComparisonCount: Decodable {
        let intake: UUID
        let gender: String
        let placed: Int
        let status: String
        let n: Int
    }

    /// `intake,group,gender,measured,ordinary_work_or_education,share_percent,ci_low_percent,ci_high_percent`
    /// for every intake whose application window closed in the period, with the group `all` (every
    /// eligible applicant measured). `measured` counts a recorded status other than `unknown`; the
    /// numerator counts `work` and `studies`. A share and its interval only where both counts are shown.
    func comparison(_ period: Period, exact: Bool) async throws -> Table {
        let sql = try self.sql
        let intakes = try await intakesClosed(in: period)
        let horizon = OutcomeHorizon.threeMonths.rawValue
        // A placed applicant's placement: the one decided from the application, or else (history,
        // direct placements) their placement that began in the intake's placement period.
        let counts = try await sql.raw(
            """
            SELECT intake, gender, placed, status, COUNT(*) AS n FROM (
              SELECT a.intake_id AS intake, a.gender AS gender,
                CASE WHEN \(ApplicantOutcomeImporter.placed) THEN 1 ELSE 0 END AS placed,
                CASE WHEN \(ApplicantOutcomeImporter.placed) THEN (
                  SELECT o.status FROM placements pl
                  JOIN placement_outcomes o ON o.placement_id = pl.id AND o.horizon = \(bind: horizon) AND o.state = 'answered'
                  WHERE pl.participant_id = a.participant_id AND pl.status <> \(bind: PlacementStatus.cancelled.rawValue)
                    AND (pl.application_id = a.id OR (pl.application_id IS NULL
                      AND COALESCE(pl.actual_start, pl.planned_start) >= i.placement_start
                      AND COALESCE(pl.actual_start, pl.planned_start) <= i.placement_end))
                  ORDER BY COALESCE(pl.actual_start, pl.planned_start) LIMIT 1)
                ELSE ao.status END AS status
              FROM applications a
              JOIN intakes i ON i.id = a.intake_id
              LEFT JOIN applicant_outcomes ao ON ao.application_id = a.id AND ao.horizon = \(bind: horizon)
              WHERE i.closes_on >= \(bind: period.from.description) AND i.closes_on <= \(bind: period.to.description)
                AND \(ApplicantOutcomeImporter.eligible)
            ) eligible_applicants
            WHERE status IS NOT NULL AND status <> \(bind: OutcomeStatus.unknown.rawValue)
            GROUP BY intake, gender, placed, status
            """
        ).all(decoding: ComparisonCount.self)
        var measured: [UUID: [ComparisonGroup: GenderCount]] = [:]
        var ordinary: [UUID: [ComparisonGroup: GenderCount]] = [:]
        for count in counts {
            let gender = Gender(rawValue: count.gender) ?? .notStated
            let group: ComparisonGroup = count.placed == 1 ? .placed : .notPlaced
            measured[count.intake, default: [:]][group, default: GenderCount()].add(gender, count.n)
            let isOrdinary = OutcomeStatus(rawValue: count.status)?.isOrdinaryWorkOrEducation ?? false
            ordinary[count.intake, default: [:]][group, default: GenderCount()].add(gender, isOrdinary ? count.n : 0)
        }
        var rows: [[String]] = []
        var bars: [Bar] = []
        for intake in intakes {
            let groups = ComparisonGroup.allCases
            let base = GenderSplitBlock(rows: groups.map { measured[intake.id]?[$0] ?? GenderCount() }).disclose(policy, exact: exact)
            let measure = GenderSplitBlock(rows: groups.map { ordinary[intake.id]?[$0] ?? GenderCount() }).disclose(policy, exact: exact)
            for (index, group) in (groups.map(\.rawValue) + ["all"]).enumerated() {
                let baseRow = index < groups.count ? base.rows[index] : base.totals
                let measureRow = index < groups.count ? measure.rows[index] : measure.totals
                for gender in ReportGender.allCases {
                    let interval = ReportShare.interval(measureRow[gender], of: baseRow[gender])
                    rows.append([
                        intake.name, group, gender.rawValue, hiddenText(baseRow[gender]), hiddenText(measureRow[gender]),
                        ReportShare.percent(measureRow[gender], of: baseRow[gender]) ?? "", interval?.lowPercent ?? "",
                        interval?.highPercent ?? "",
                    ])
                }
                if index < groups.count {
                    bars.append(
                        Bar(
                            labels: [intake.name, group], women: ReportShare.percent(measureRow.women, of: baseRow.women) ?? "",
                            men: ReportShare.percent(measureRow.men, of: baseRow.men) ?? ""))
                }
            }
        }
        return Table(name: .comparison, header: Self.comparisonHeader, rows: rows, bars: bars, barColumn: "share_percent")
    }
}
