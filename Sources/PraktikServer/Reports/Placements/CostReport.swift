import Fluent
import PraktikCore
import SQLKit

/// `costs` (seed 000): benefits paid during the placements that ended in the period, by benefit group
/// and gender. A payment stored with its placement (the history import's `benefit_paid`) counts in
/// full; one stored by period counts in proportion to its days inside each of the participant's
/// placements (`BenefitAllocation`, the same rounding in SQL: `ReportFacts`' `paid_minor`).
extension PlacementReports {
    private struct CostRow: Decodable {
        let benefit: String?
        let gender: String
        let n: Int
        let positive: Int?
        let paid: Int64?
        let lowestCurrency: String?
        let highestCurrency: String?
    }

    /// `benefit_type,gender,placements,benefit_paid,per_placement`, with the benefit group `all`; the
    /// page adds the positive outcomes at exit (work or studies) and the cost per positive outcome.
    /// Amounts in the file's format (two decimals); a sum or mean is shown only where its counts are,
    /// and not at all where it would add kronor to kroner.
    func costs(_ period: Period, exact: Bool) async throws -> Table {
        let rows = try await sql.raw(
            """
            SELECT pl.benefit_type AS benefit, pl.gender AS gender, COUNT(*) AS n,
              SUM(CASE WHEN pl.outcome_at_exit IN (\(bind: OutcomeStatus.work.rawValue), \(bind: OutcomeStatus.studies.rawValue)) THEN 1 ELSE 0 END) AS positive,
              CAST(SUM(COALESCE(pl.paid_minor, 0)) AS BIGINT) AS paid, MIN(pl.lowest_currency) AS "lowestCurrency",
              MAX(pl.highest_currency) AS "highestCurrency"
            FROM report_placements pl
            WHERE \(ended(period))
            GROUP BY pl.benefit_type, pl.gender
            """
        ).all(decoding: CostRow.self)
        var placements: [String: GenderCount] = [:]
        var positive: [String: GenderCount] = [:]
        var paid: [String: GenderCount] = [:]
        var currencies: [String: [ReportGender: Set<String>]] = [:]
        for row in rows {
            let gender = Gender(rawValue: row.gender) ?? .notStated
            let benefit = row.benefit ?? ""
            placements[benefit, default: GenderCount()].add(gender, row.n)
            positive[benefit, default: GenderCount()].add(gender, row.positive ?? 0)
            paid[benefit, default: GenderCount()].add(gender, Int(row.paid ?? 0))
            let used = Set([row.lowestCurrency, row.highestCurrency].compactMap { $0 })
            let reported: [ReportGender] = gender == .woman ? [.women, .all] : gender == .man ? [.men, .all] : [.all]
            for column in reported { currencies[benefit, default: [:]][column, default: []].formUnion(used) }
        }
        let benefits = placements.keys.sorted()
        let counted = GenderSplitBlock(rows: benefits.map { placements[$0] ?? GenderCount() }).disclose(policy, exact: exact)
        let succeeded = GenderSplitBlock(rows: benefits.map { positive[$0] ?? GenderCount() }).disclose(policy, exact: exact)
        let sums = benefits.map { paid[$0] ?? GenderCount() }
        let totalSum = sums.reduce(GenderCount(), +)
        var table: [[String]] = []
        var pageRows: [[String]] = []
        var bars: [Bar] = []
        for (index, benefit) in (benefits + ["all"]).enumerated() {
            let isTotal = index == benefits.count
            let count = isTotal ? counted.totals : counted.rows[index]
            let good = isTotal ? succeeded.totals : succeeded.rows[index]
            let sum = isTotal ? totalSum : sums[index]
            var perPlacement: [ReportGender: String] = [:]
            for gender in ReportGender.allCases {
                let used =
                    isTotal
                    ? benefits.reduce(into: Set<String>()) { $0.formUnion(currencies[$1]?[gender] ?? []) }
                    : currencies[benefit]?[gender] ?? []
                let value = Int64(Self.value(sum, gender))
                // A sum or mean of a hidden count is hidden; kronor and kroner are not added up.
                let amount: String, mean: String, perPositive: String
                if used.count > 1 {
                    (amount, mean, perPositive) = ("", "", "")
                } else if let n = count[gender].shownValue {
                    amount = MoneyAmount.text(minorUnits: value)
                    mean = BenefitAllocation.mean(value, over: n).map { MoneyAmount.text(minorUnits: $0) } ?? ""
                    perPositive =
                        good[gender].shownValue.flatMap { BenefitAllocation.mean(value, over: $0) }
                        .map { MoneyAmount.text(minorUnits: $0) } ?? ""
                } else {
                    (amount, mean, perPositive) = (DisclosedCell.withheldMark, "", "")
                }
                perPlacement[gender] = mean
                table.append([benefit, gender.rawValue, hiddenText(count[gender]), amount, mean])
                pageRows.append([hiddenText(good[gender]), perPositive])
            }
            bars.append(Bar(labels: [benefit], women: perPlacement[.women] ?? "", men: perPlacement[.men] ?? ""))
        }
        return Table(
            name: .costs, header: ["benefit_type", "gender", "placements", "benefit_paid", "per_placement"], rows: table, bars: bars,
            barColumn: "per_placement", pageHeader: ["positive_outcomes", "per_positive_outcome"], pageRows: pageRows)
    }

    private static func value(_ count: GenderCount, _ gender: ReportGender) -> Int {
        switch gender {
        case .women: count.women
        case .men: count.men
        case .all: count.all
        }
    }
}
