import Fluent
import PraktikCore
import SQLKit

/// `job-at-host` (seed 000): whether placements that ended in the period led to a job at the host
/// workplace, by purpose and gender. Purpose × gender × answer is one `ThreeWayTable` published with
/// its sums in every direction, protected as one (`DisclosurePolicy.protect(_: ThreeWayTable)`).
extension PlacementReports {
    private struct HiredRow: Decodable {
        let purpose: String?
        let gender: String
        let n: Int
        let hired: Int?
        let notHired: Int?
    }

    /// `purpose,gender,ended,hired_by_host,not_hired,unknown,share_percent`, with the purpose `all`;
    /// the share is hired / (hired + not hired), shown only where both counts are.
    func jobAtHost(_ period: Period, exact: Bool) async throws -> Table {
        let rows = try await sql.raw(
            """
            SELECT pl.purpose AS purpose, pl.gender AS gender, COUNT(*) AS n,
              SUM(CASE WHEN pl.hired_by_host THEN 1 ELSE 0 END) AS hired,
              SUM(CASE WHEN NOT pl.hired_by_host THEN 1 ELSE 0 END) AS "notHired"
            FROM report_placements pl
            WHERE \(ended(period))
            GROUP BY pl.purpose, pl.gender
            """
        ).all(decoding: HiredRow.self)
        // counts[purpose][women, men, others][hired, not hired, unknown]
        var byPurpose: [String: [[Int]]] = [:]
        for row in rows {
            let part: Int
            switch Gender(rawValue: row.gender) ?? .notStated {
            case .woman: part = 0
            case .man: part = 1
            case .other, .notStated: part = 2
            }
            let hired = row.hired ?? 0, notHired = row.notHired ?? 0
            var counts = byPurpose[row.purpose ?? "unknown"] ?? Array(repeating: [0, 0, 0], count: 3)
            counts[part][0] += hired
            counts[part][1] += notHired
            counts[part][2] += row.n - hired - notHired
            byPurpose[row.purpose ?? "unknown"] = counts
        }
        let purposes = byPurpose.keys.sorted()
        let table = try ThreeWayTable(counts: purposes.map { byPurpose[$0] ?? [] }, partCount: 3, answerCount: 3)
        let marking = exact ? ThreeWayMarking(marks: [:], protected: []) : policy.protect(table)
        var published: [[String]] = []
        var bars: [Bar] = []
        for (index, purpose) in (purposes + ["all"]).enumerated() {
            let row: Int? = index < purposes.count ? index : nil
            var shares: [ReportGender: String] = [:]
            for gender in ReportGender.allCases {
                let part: Int? = gender == .women ? 0 : gender == .men ? 1 : nil
                func cell(_ answer: Int?) -> DisclosedCell {
                    marking.cell(ThreeWayTable.Cell(row: row, part: part, answer: answer), in: table)
                }
                let hired = cell(0), notHired = cell(1)
                var answered = DisclosedCell.withheld
                if let h = hired.shownValue, let n = notHired.shownValue { answered = .shown(h + n) }
                let share = ReportShare.percent(hired, of: answered) ?? ""
                shares[gender] = share
                published.append([
                    purpose, gender.rawValue, hiddenText(cell(nil)), hiddenText(hired), hiddenText(notHired), hiddenText(cell(2)), share,
                ])
            }
            bars.append(Bar(labels: [purpose], women: shares[.women] ?? "", men: shares[.men] ?? ""))
        }
        return Table(
            name: .jobAtHost, header: ["purpose", "gender", "ended", "hired_by_host", "not_hired", "unknown", "share_percent"],
            rows: published, bars: bars, barColumn: "share_percent")
    }
}
