/// Disclosure control for every table of counts about people that a reader who may only see
/// aggregates gets (an analyst's page, CSV or API answer, the public board report).
///
/// 1. A count from 1 to `threshold - 1` is shown as "<5". A row whose total is small shows no split
///    at all (its parts and measures are withheld): "<5, of whom 0 men" says every one was a woman.
/// 2. Then, while any hidden small count could be worked out exactly from what is shown (row sums,
///    column sums, the totals row; `DisclosureModel`), more cells are withheld, cheapest first:
///    another part of the same row, a pair in another row that closes a cycle, a column total, and
///    last the totals row. Withholding more never lets a reader learn more, so this ends.
public struct DisclosurePolicy: Sendable, Hashable {
    public let threshold: Int

    /// Below 3 a hidden count would have one possible value (with 2, "<2" is 1).
    public static let smallestThreshold = 3
    public static let standard = DisclosurePolicy(uncheckedThreshold: 5)

    public enum Problem: Error, Equatable {
        case thresholdTooSmall(Int)
    }

    public init(threshold: Int) throws {
        guard threshold >= Self.smallestThreshold else { throw Problem.thresholdTooSmall(threshold) }
        self.threshold = threshold
    }

    private init(uncheckedThreshold: Int) { threshold = uncheckedThreshold }

    public func isSmall(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// The table as a reader who may only see aggregates gets it.
    public func disclose(_ table: CountTable) -> DisclosedTable {
        let marking = protect(table)
        return DisclosedTable(table: table, threshold: threshold, marks: marking.marks)
    }

    /// Every hidden cell and the cells that must not be pinned (every "<5", and the non-zero split
    /// of a small row), for `DisclosureAudit`.
    public struct Marking: Sendable {
        public var marks: [CountTable.Position: DisclosedCell]
        public var protected: Set<CountTable.Position>

        public init(marks: [CountTable.Position: DisclosedCell], protected: Set<CountTable.Position>) {
            self.marks = marks
            self.protected = protected
        }
    }

    public func protect(_ table: CountTable) -> Marking { protect(table, alreadyHidden: [:]) }

    /// As `protect(_:)`, with cells hidden beforehand (by another table sharing them) kept hidden.
    public func protect(_ table: CountTable, alreadyHidden: [CountTable.Position: DisclosedCell]) -> Marking {
        var marking = primary(table)
        for (position, mark) in alreadyHidden where marking.marks[position] == nil || mark == .withheld {
            marking.marks[position] = mark
        }
        let first = DisclosureModel(table: table, threshold: threshold, marks: marking.marks)
        var pinned = marking.protected.filter { !first.canMove($0) }
        var rounds = 0
        while !pinned.isEmpty {
            rounds += 1
            // Sorted so the same table is always protected the same way.
            for position in pinned.sorted(by: Self.order) {
                withholdMore(for: position, in: table, marks: &marking.marks, round: rounds)
            }
            let model = DisclosureModel(table: table, threshold: threshold, marks: marking.marks)
            pinned = pinned.filter { !model.canMove($0) }
            if rounds > 6 {
                // Last resort for a table too small to protect otherwise: hide every count in it.
                for position in table.positions where marking.marks[position] == nil && table.value(at: position) > 0 {
                    marking.marks[position] = .withheld
                }
                break
            }
        }
        return marking
    }

    private func primary(_ table: CountTable) -> Marking {
        var marks: [CountTable.Position: DisclosedCell] = [:]
        var protected: Set<CountTable.Position> = []
        for position in table.positions where isSmall(table.value(at: position)) {
            marks[position] = .small
            protected.insert(position)
        }
        for (index, row) in table.rows.enumerated() where isSmall(row.total) {
            let split =
                (0..<table.partCount).map { CountTable.Position(row: index, column: .part($0)) }
                + (0..<table.measureCount).map { CountTable.Position(row: index, column: .measure($0)) }
            for position in split {
                marks[position] = .withheld
                if table.value(at: position) > 0 { protected.insert(position) }
            }
        }
        return Marking(marks: marks, protected: protected)
    }

    private static func order(_ a: CountTable.Position, _ b: CountTable.Position) -> Bool {
        (a.row ?? Int.max, a.description) < (b.row ?? Int.max, b.description)
    }

    /// Withholds the cheapest further cells that may free `position`; each round reaches further.
    private func withholdMore(
        for position: CountTable.Position, in table: CountTable, marks: inout [CountTable.Position: DisclosedCell], round: Int
    ) {
        func hide(_ candidate: CountTable.Position?) {
            guard let candidate, marks[candidate] == nil else { return }
            marks[candidate] = .withheld
        }
        func shownNonZero(_ candidate: CountTable.Position) -> Bool {
            marks[candidate] == nil && table.value(at: candidate) > 0
        }
        let parts = (0..<table.partCount).map { CountTable.Position.Column.part($0) }
        switch (position.row, position.column) {
        case (let row?, .part(let part)):
            let rowCells = parts.map { CountTable.Position(row: row, column: $0) }
            let hiddenInRow = rowCells.filter { marks[$0]?.isHidden ?? false }
            // Hidden small counts alone may be pinned by their row (4 + 4 = 8, or 1 + 1 = 2): a
            // withheld partner, which has no upper bound, gives the row room.
            let rowPartner = rowCells.filter(shownNonZero).min { table.value(at: $0) < table.value(at: $1) }
            if let rowPartner, hiddenInRow.count < 2 || !hiddenInRow.contains(where: { marks[$0] == .withheld }) {
                hide(rowPartner)
            } else if round <= 2 {
                hidePair(besides: row, part: part, partners: hiddenInRow, in: table, marks: &marks)
            } else {
                hide(CountTable.Position(row: nil, column: .part(part)))
                for partner in hiddenInRow { hide(CountTable.Position(row: nil, column: partner.column)) }
                if round > 3 { hide(CountTable.Position(row: nil, column: .total)) }
            }
        case (let row?, .total):
            if round <= 2 {
                hideRowTotalPartner(besides: row, in: table, marks: &marks)
            } else {
                hide(CountTable.Position(row: nil, column: .total))
                for column in parts { hide(CountTable.Position(row: nil, column: column)) }
            }
        case (let row?, .measure(let measure)):
            let column = table.rows.indices.filter { $0 != row }.map { CountTable.Position(row: $0, column: .measure(measure)) }
            let partner = column.filter { candidate in
                guard let other = candidate.row else { return false }
                return shownNonZero(candidate) && table.rows[other].measures[measure] < table.rows[other].total
            }
            .min { table.value(at: $0) < table.value(at: $1) }
            if round <= 2, let partner {
                hide(partner)
            } else {
                hide(CountTable.Position(row: nil, column: .measure(measure)))
            }
        case (nil, .part):
            let totals = parts.map { CountTable.Position(row: nil, column: $0) }
            if round == 1, let other = totals.filter(shownNonZero).min(by: { table.value(at: $0) < table.value(at: $1) }) {
                hide(other)
            } else {
                hide(CountTable.Position(row: nil, column: .total))
                for total in totals { hide(total) }
            }
        case (nil, .total):
            for column in parts { hide(CountTable.Position(row: nil, column: column)) }
        case (nil, .measure):
            break
        }
    }

    /// Closes a cycle through another row: withholds that row's cells in the pinned cell's column
    /// and in a column where the pinned cell's row has another hidden part, choosing the row where
    /// the two are smallest.
    private func hidePair(
        besides row: Int, part: Int, partners: [CountTable.Position], in table: CountTable,
        marks: inout [CountTable.Position: DisclosedCell]
    ) {
        var best: (cost: Int, cells: [CountTable.Position])?
        for partner in partners {
            guard case .part(let other) = partner.column, other != part else { continue }
            for (index, candidate) in table.rows.enumerated()
            where index != row && !(marks[.init(row: index, column: .total)]?.isHidden ?? false) {
                guard candidate.parts[part] > 0, candidate.parts[other] > 0 else { continue }
                let cells = [CountTable.Position(row: index, column: .part(part)), CountTable.Position(row: index, column: .part(other))]
                    .filter { marks[$0] == nil }
                let cost = cells.reduce(0) { $0 + table.value(at: $1) }
                if best.map({ cost < $0.cost }) ?? true { best = (cost, cells) }
            }
        }
        for cell in best?.cells ?? [] { marks[cell] = .withheld }
    }

    /// A small row's total is pinned when no other row's total may move (every other small row
    /// at the edge of its range): withhold the total of the row with the fewest people above the
    /// threshold, and its part in a column where the small row has someone.
    private func hideRowTotalPartner(besides row: Int, in table: CountTable, marks: inout [CountTable.Position: DisclosedCell]) {
        let occupied = (0..<table.partCount).filter { table.rows[row].parts[$0] > 0 }
        var best: (total: Int, index: Int, part: Int)?
        for (index, candidate) in table.rows.enumerated() where index != row && marks[.init(row: index, column: .total)] == nil {
            guard let part = occupied.first(where: { candidate.parts[$0] > 0 }) else { continue }
            if best.map({ candidate.total < $0.total }) ?? true { best = (candidate.total, index, part) }
        }
        guard let best else { return }
        for position in [
            CountTable.Position(row: best.index, column: .total), CountTable.Position(row: best.index, column: .part(best.part)),
        ]
        where marks[position] == nil {
            marks[position] = .withheld
        }
    }
}

extension DisclosedTable {
    init(table: CountTable, threshold: Int, marks: [CountTable.Position: DisclosedCell]) {
        func row(_ index: Int?) -> Row {
            func cell(_ column: CountTable.Position.Column) -> DisclosedCell {
                let position = CountTable.Position(row: index, column: column)
                return marks[position] ?? .shown(table.value(at: position))
            }
            return Row(
                total: cell(.total), parts: (0..<table.partCount).map { cell(.part($0)) },
                measures: (0..<table.measureCount).map { cell(.measure($0)) })
        }
        self.init(threshold: threshold, rows: table.rows.indices.map { row($0) }, totals: table.publishesTotals ? row(nil) : nil)
    }
}
