import Fluent
import PraktikCore
import SQLKit

/// `costs` (seed 000): benefits paid during the placements that ended in the period, by benefit group
/// and gender. A payment stored with its placement (the history import's `benefit_paid`) counts in
/// full; one stored by period counts in proportion to its days inside each of the participant's
/// placements (`BenefitAllocation`, the same rounding in SQL).
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

    /// The dialect's day number of a `YYYY-MM-DD` column, and its scalar larger and smaller of two.
    private func dayArithmetic() throws -> (day: (String) -> String, later: String, earlier: String) {
        if try sql.dialect.name == "sqlite" {
            return ({ "CAST(julianday(\($0)) AS INTEGER)" }, "MAX", "MIN")
        }
        return ({ "(CAST(\($0) AS date) - DATE '2000-01-01')" }, "GREATEST", "LEAST")
    }

    /// The benefit of every placement ended in the period (only those are read, so a short period
    /// reads few payments): payments tied to it, and its share of payments stored by period.
    private func paidPerPlacement(_ period: Period) throws -> SQLQueryString {
        let (day, later, earlier) = try dayArithmetic()
        let first = "\(later)(bp.period_start, COALESCE(p2.actual_start, p2.planned_start))"
        let last = "\(earlier)(bp.period_end, COALESCE(p2.actual_end, p2.planned_end))"
        let inside = "(\(day(last)) - \(day(first)) + 1)"
        let days = "(\(day("bp.period_end")) - \(day("bp.period_start")) + 1)"
        return """
            SELECT placement_id, SUM(amount) AS amount, MIN(currency) AS lowest_currency, MAX(currency) AS highest_currency
            FROM (
              SELECT bp.placement_id AS placement_id, bp.amount_minor AS amount, bp.currency AS currency
              FROM benefit_payments bp JOIN placements p1 ON p1.id = bp.placement_id
              WHERE \(ended(period, placement: "p1"))
              UNION ALL
              SELECT p2.id AS placement_id, (bp.amount_minor * \(unsafeRaw: inside) + \(unsafeRaw: days) / 2) / \(unsafeRaw: days) AS amount,
                bp.currency AS currency
              FROM benefit_payments bp
              JOIN placements p2 ON p2.participant_id = bp.participant_id
                AND \(ended(period, placement: "p2"))
                AND COALESCE(p2.actual_start, p2.planned_start) <= bp.period_end
                AND COALESCE(p2.actual_end, p2.planned_end) >= bp.period_start
              WHERE bp.placement_id IS NULL
            ) allocated
            GROUP BY placement_id
            """
    }

    /// `benefit_type,gender,placements,benefit_paid,per_placement`, with the benefit group `all`; the
    /// page adds the positive outcomes at exit (work or studies) and the cost per positive outcome.
    /// Amounts in the file's format (two decimals); a sum or mean is shown only where its counts are,
    /// and not at all where it would add kronor to kroner.
    func costs(_ period: Period, exact: Bool) async throws -> Table {
        let rows = try await sql.raw(
            """
            SELECT COALESCE(pl.benefit_type, pa.benefit_type) AS benefit, pa.gender AS gender, COUNT(*) AS n,
              SUM(CASE WHEN o.status IN (\(bind: OutcomeStatus.work.rawValue), \(bind: OutcomeStatus.studies.rawValue)) THEN 1 ELSE 0 END) AS positive,
              CAST(SUM(COALESCE(covered.amount, 0)) AS BIGINT) AS paid, MIN(covered.lowest_currency) AS "lowestCurrency",
              MAX(covered.highest_currency) AS "highestCurrency"
            FROM placements pl
            JOIN participants pa ON pa.id = pl.participant_id
            LEFT JOIN placement_outcomes o ON o.placement_id = pl.id AND o.horizon = \(bind: OutcomeHorizon.atExit.rawValue)
              AND o.state = 'answered'
            LEFT JOIN (\(try paidPerPlacement(period))) covered ON covered.placement_id = pl.id
            WHERE \(ended(period))
            GROUP BY COALESCE(pl.benefit_type, pa.benefit_type), pa.gender
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
