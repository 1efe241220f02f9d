import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The placement reports (issue 14), each a named query whose CSV columns are a contract: counted in
/// SQL, split by gender, protected as `GenderSplitBlock`s unless the reader may have exact figures.
/// Placements are counted by their last day (`COALESCE(actual_end, planned_end)`) within the
/// period, both ends included; `starts` by their first day. They read `report_placements`, one row
/// per placement kept exact by triggers (`ReportFacts`).
struct PlacementReports: Sendable {
    let database: any Database
    let policy: DisclosurePolicy
    /// Today, for the reports that judge a state by date (whether a place was usable).
    var clock: AppClock = .system
    /// Set by the benchmark to see the statements the reports send (`StatementRecorder`).
    var recorder: StatementRecorder? = nil

    /// Where the reports' SQL goes: the database itself, or through the benchmark's recorder.
    var sql: any SQLDatabase {
        get throws {
            if let recorder { return recorder }
            return try database.sql
        }
    }

    enum Name: String, CaseIterable, Sendable {
        case outcome3Months = "outcome-3m"
        case outcomesAtExit = "outcomes-at-exit"
        case starts
        case costs
        case jobAtHost = "job-at-host"
        case feedback
        case turnaround
        case funnel
        case unfilledPlaces = "unfilled-places"
        case comparison
    }

    struct Period: Sendable, Hashable {
        let from: CivilDate
        let to: CivilDate
    }

    /// A report as published: its CSV header and rows (codes, counts as text, shares with one
    /// decimal), the same for the page, the CSV and the command line.
    struct Table: Sendable {
        let name: Name
        let header: [String]
        let rows: [[String]]
        /// Bars for the chart: a group's label cells and the women's and men's values.
        let bars: [Bar]
        /// The column the bars show.
        let barColumn: String
        /// Columns only the page shows, after the CSV's (costs per positive outcome), one row each.
        var pageHeader: [String] = []
        var pageRows: [[String]] = []
    }

    struct Bar: Sendable {
        let labels: [String]
        let women: String
        let men: String
    }

    func table(_ name: Name, period: Period, exact: Bool) async throws -> Table {
        switch name {
        case .outcome3Months: try await outcome3Months(period, exact: exact)
        case .outcomesAtExit: try await outcomesAtExit(period, exact: exact)
        case .starts: try await starts(period, exact: exact)
        case .costs: try await costs(period, exact: exact)
        case .jobAtHost: try await jobAtHost(period, exact: exact)
        case .feedback: try await feedback(period, exact: exact)
        case .turnaround: try await turnaround(period, exact: exact)
        case .funnel: try await funnel(period, exact: exact)
        case .unfilledPlaces: try await unfilledPlaces(period)
        case .comparison: try await comparison(period, exact: exact)
        }
    }

    /// The report's CSV, comma-separated or (for Swedish and Danish spreadsheets) semicolon-separated.
    static func csv(_ table: Table, delimiter: Character = ",") -> String {
        let writer = CSVWriter(delimiter: delimiter)
        return ([table.header] + table.rows).map(writer.line).joined()
    }

    var hiddenText: (DisclosedCell) -> String {
        { [policy] in $0.text(threshold: policy.threshold) }
    }

    private struct GroupedCount: Decodable {
        let key1: String?
        let key2: String?
        let gender: String
        let n: Int
        let m: Int?
    }

    /// Placements of `report_placements` (aliased `placement`) that ended in the period.
    func ended(_ period: Period, placement: String = "pl") -> SQLQueryString {
        """
        \(unsafeRaw: placement).last_day >= \(bind: period.from.description)
          AND \(unsafeRaw: placement).last_day <= \(bind: period.to.description)
          AND \(unsafeRaw: placement).status <> \(bind: PlacementStatus.cancelled.rawValue)
        """
    }

    // MARK: outcome-3m (seed 003)

    /// `benefit_type,unit,gender,ended,ordinary_work_or_education,share_percent`: per benefit group,
    /// one row set per unit and one for the unit `all`. Counted per unit id in the order of the
    /// index that groups them, then named (units with one name are added up below, as before).
    private func outcome3Months(_ period: Period, exact: Bool) async throws -> Table {
        let counts = try await sql.raw(
            """
            SELECT g.benefit_type AS key1, u.name AS key2, g.gender AS gender, g.n AS n, g.m AS m
            FROM (
              SELECT pl.benefit_type, pl.gender, pl.unit_id, COUNT(*) AS n,
                SUM(CASE WHEN pl.outcome_3_months IN (\(bind: OutcomeStatus.work.rawValue), \(bind: OutcomeStatus.studies.rawValue)) THEN 1 ELSE 0 END) AS m
              FROM report_placements pl
              WHERE \(ended(period)) AND pl.outcome_3_months <> \(bind: OutcomeStatus.unknown.rawValue)
              GROUP BY pl.benefit_type, pl.gender, pl.unit_id
            ) g
            JOIN units u ON u.id = g.unit_id
            """
        ).all(decoding: GroupedCount.self)
        var ended: [String: [String: GenderCount]] = [:]
        var ordinary: [String: [String: GenderCount]] = [:]
        for count in counts {
            let gender = Gender(rawValue: count.gender) ?? .notStated
            let benefit = count.key1 ?? "", unit = count.key2 ?? ""
            ended[benefit, default: [:]][unit, default: GenderCount()].add(gender, count.n)
            ordinary[benefit, default: [:]][unit, default: GenderCount()].add(gender, count.m ?? 0)
        }
        var rows: [[String]] = []
        var bars: [Bar] = []
        for benefit in ended.keys.sorted() {
            let units = (ended[benefit] ?? [:]).keys.sorted()
            let base = GenderSplitBlock(rows: units.map { ended[benefit]?[$0] ?? GenderCount() }).disclose(policy, exact: exact)
            let measure = GenderSplitBlock(rows: units.map { ordinary[benefit]?[$0] ?? GenderCount() }).disclose(policy, exact: exact)
            for (index, unit) in (units + ["all"]).enumerated() {
                let baseRow = index < units.count ? base.rows[index] : base.totals
                let measureRow = index < units.count ? measure.rows[index] : measure.totals
                for gender in ReportGender.allCases {
                    rows.append([
                        benefit, unit, gender.rawValue, hiddenText(baseRow[gender]), hiddenText(measureRow[gender]),
                        ReportShare.percent(measureRow[gender], of: baseRow[gender]) ?? "",
                    ])
                }
                bars.append(
                    Bar(
                        labels: [benefit, unit], women: ReportShare.percent(measureRow.women, of: baseRow.women) ?? "",
                        men: ReportShare.percent(measureRow.men, of: baseRow.men) ?? ""))
            }
        }
        return Table(
            name: .outcome3Months, header: ["benefit_type", "unit", "gender", "ended", "ordinary_work_or_education", "share_percent"],
            rows: rows, bars: bars, barColumn: "share_percent")
    }

    // MARK: outcomes-at-exit (seed 001)

    /// `gender,outcome,placements,share_percent` over placements ended in the period with an outcome
    /// at exit; the outcome `all` is each gender's total, the shares' denominator.
    private func outcomesAtExit(_ period: Period, exact: Bool) async throws -> Table {
        let counts = try await sql.raw(
            """
            SELECT pl.outcome_at_exit AS key1, NULL AS key2, pl.gender AS gender, COUNT(*) AS n, NULL AS m
            FROM report_placements pl
            WHERE \(ended(period)) AND pl.outcome_at_exit IS NOT NULL
            GROUP BY pl.outcome_at_exit, pl.gender
            """
        ).all(decoding: GroupedCount.self)
        var byOutcome: [String: GenderCount] = [:]
        for count in counts {
            byOutcome[count.key1 ?? "", default: GenderCount()].add(Gender(rawValue: count.gender) ?? .notStated, count.n)
        }
        let outcomes = OutcomeStatus.allCases.map(\.rawValue).filter { byOutcome[$0] != nil }
        let block = GenderSplitBlock(rows: outcomes.map { byOutcome[$0] ?? GenderCount() }).disclose(policy, exact: exact)
        var rows: [[String]] = []
        var bars: [Bar] = []
        for gender in ReportGender.allCases {
            for (index, outcome) in (outcomes + ["all"]).enumerated() {
                let row = index < outcomes.count ? block.rows[index] : block.totals
                rows.append([
                    gender.rawValue, outcome, hiddenText(row[gender]), ReportShare.percent(row[gender], of: block.totals[gender]) ?? "",
                ])
            }
        }
        for (index, outcome) in outcomes.enumerated() {
            let row = block.rows[index]
            bars.append(
                Bar(
                    labels: [outcome], women: ReportShare.percent(row.women, of: block.totals.women) ?? "",
                    men: ReportShare.percent(row.men, of: block.totals.men) ?? ""))
        }
        return Table(
            name: .outcomesAtExit, header: ["gender", "outcome", "placements", "share_percent"], rows: rows, bars: bars,
            barColumn: "share_percent")
    }

    // MARK: starts (seed 001)

    /// `year,regime,gender,starts`: placements that began in the period (planned ones that never
    /// began are not starts), per year and regime, with the regime `all`.
    private func starts(_ period: Period, exact: Bool) async throws -> Table {
        let begun = PlacementStatus.allCases.filter(\.hasRun).map(\.rawValue)
        let counts = try await sql.raw(
            """
            SELECT SUBSTR(pl.first_day, 1, 4) AS key1, pl.regime AS key2, pl.gender AS gender, COUNT(*) AS n, NULL AS m
            FROM report_placements pl
            WHERE pl.first_day >= \(bind: period.from.description) AND pl.first_day <= \(bind: period.to.description)
              AND pl.status IN (\(binds: begun))
            GROUP BY SUBSTR(pl.first_day, 1, 4), pl.regime, pl.gender
            """
        ).all(decoding: GroupedCount.self)
        var byYear: [String: [String: GenderCount]] = [:]
        for count in counts {
            byYear[count.key1 ?? "", default: [:]][count.key2 ?? "unknown", default: GenderCount()]
                .add(Gender(rawValue: count.gender) ?? .notStated, count.n)
        }
        var rows: [[String]] = []
        var bars: [Bar] = []
        for year in byYear.keys.sorted() {
            let regimes = (byYear[year] ?? [:]).keys.sorted()
            let block = GenderSplitBlock(rows: regimes.map { byYear[year]?[$0] ?? GenderCount() }).disclose(policy, exact: exact)
            for (index, regime) in (regimes + ["all"]).enumerated() {
                let row = index < regimes.count ? block.rows[index] : block.totals
                for gender in ReportGender.allCases { rows.append([year, regime, gender.rawValue, hiddenText(row[gender])]) }
            }
            bars.append(Bar(labels: [year], women: hiddenText(block.totals.women), men: hiddenText(block.totals.men)))
        }
        return Table(name: .starts, header: ["year", "regime", "gender", "starts"], rows: rows, bars: bars, barColumn: "starts")
    }
}
