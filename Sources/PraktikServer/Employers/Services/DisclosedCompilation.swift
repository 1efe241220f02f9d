import Foundation
import PraktikCore

/// The employer compilation as a reader who may only see aggregates gets it: every employer of
/// the filter protected together by the disclosure policy (a page alone cannot be protected: its
/// rows add up to the totals with the rows of every other page), then sorted by what is shown and
/// cut into the requested page.
struct DisclosedCompilation: Sendable {
    struct Row: Sendable {
        let source: EmployerCompilation.Row
        /// Placements, women, men, other, not stated, hires.
        let cells: [DisclosedCell]
    }

    let rows: [Row]
    let totals: [DisclosedCell]
    let threshold: Int
    let hasWithheld: Bool

    /// Genders in the compilation's column order.
    static let genders: [Gender] = [.woman, .man, .other, .notStated]

    init(rows: [EmployerCompilation.Row], policy: DisclosurePolicy) throws {
        let table = try CountTable(
            partCount: Self.genders.count, measureCount: 1,
            rows: rows.map {
                CountTable.Row(total: $0.placements, parts: [$0.women, $0.men, $0.other, $0.not_stated], measures: [$0.hires])
            })
        let disclosed = policy.disclose(table)
        self.rows = zip(rows, disclosed.rows).map { Row(source: $0, cells: $1.cells) }
        totals = disclosed.totals?.cells ?? []
        threshold = policy.threshold
        hasWithheld = disclosed.hasWithheld
    }

    /// The rows in the requested order: names and sectors as text, counts by what is shown (a
    /// hidden count never decides an order), ties by name.
    func sorted(by sort: SQLSort) -> [Row] {
        let column = ["placements": 0, "women": 1, "men": 2, "hires": 5][sort.key]
        return rows.sorted { a, b in
            if let column {
                let left = a.cells[column].sortKey(threshold: threshold), right = b.cells[column].sortKey(threshold: threshold)
                if left != right { return sort.descending ? left > right : left < right }
            } else if sort.key == "sector", a.source.sector != b.source.sector {
                return sort.descending ? a.source.sector > b.source.sector : a.source.sector < b.source.sector
            }
            let byName = a.source.name.localizedStandardCompare(b.source.name)
            if byName != .orderedSame {
                return (sort.key == "name" && sort.descending) ? byName == .orderedDescending : byName == .orderedAscending
            }
            return a.source.employer_id.uuidString < b.source.employer_id.uuidString
        }
    }
}
