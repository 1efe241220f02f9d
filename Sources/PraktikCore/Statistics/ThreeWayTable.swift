/// A three-way table of counts about people published with its sums in every direction: rows (a
/// purpose) × parts (women, men, others) × answers (hired, not hired, unknown), where every sum over
/// any of the three is published too (the row `all`, the gender `all`, the answer total "ended"),
/// except that the last part (others) is never published alone.
///
/// `ThreeWayProtection` protects it by protecting every two-way slice with `DisclosurePolicy`: each
/// row's parts × answers, each part's rows × answers, each answer's rows × parts, each with its sums
/// (`all` and the totals), all against one set of marks, again until no slice withholds more. Every
/// equation a reader can write about the table is a sum along one direction and lies in one of the
/// slices, but a reader may combine the slices' equations, so the slices' protection is then proven
/// cell by cell with a move a reader cannot rule out (`ThreeWayMoves`), and strengthened where there
/// is none; a brute-force reader (the tests) finds no hidden count it can pin on small random tables.
public struct ThreeWayTable: Sendable, Hashable {
    /// `counts[row][part][answer]`.
    public let counts: [[[Int]]]
    public let partCount: Int
    public let answerCount: Int

    public enum Problem: Error, Equatable {
        case shape
        case negative
    }

    public init(counts: [[[Int]]], partCount: Int, answerCount: Int) throws {
        guard
            counts.allSatisfy({ row in row.count == partCount && row.allSatisfy { $0.count == answerCount } }),
            partCount > 0, answerCount > 0
        else { throw Problem.shape }
        guard counts.allSatisfy({ $0.allSatisfy { $0.allSatisfy { $0 >= 0 } } }) else { throw Problem.negative }
        self.counts = counts
        self.partCount = partCount
        self.answerCount = answerCount
    }

    public var rowCount: Int { counts.count }

    /// A cell of the table or of its sums: an index, or nil for the sum over that direction.
    public struct Cell: Sendable, Hashable, CustomStringConvertible {
        public let row: Int?
        public let part: Int?
        public let answer: Int?

        public init(row: Int?, part: Int?, answer: Int?) {
            self.row = row
            self.part = part
            self.answer = answer
        }

        public var description: String {
            "(\(row.map(String.init) ?? "all"), \(part.map(String.init) ?? "all"), \(answer.map(String.init) ?? "all"))"
        }
    }

    public func value(_ cell: Cell) -> Int {
        let rows = cell.row.map { [$0] } ?? Array(0..<rowCount)
        let parts = cell.part.map { [$0] } ?? Array(0..<partCount)
        let answers = cell.answer.map { [$0] } ?? Array(0..<answerCount)
        var sum = 0
        for row in rows { for part in parts { for answer in answers { sum += counts[row][part][answer] } } }
        return sum
    }

    /// Every cell, the sums included.
    public var cells: [Cell] {
        let rows: [Int?] = Array(0..<rowCount) + [nil]
        let parts: [Int?] = Array(0..<partCount) + [nil]
        let answers: [Int?] = Array(0..<answerCount) + [nil]
        return rows.flatMap { row in parts.flatMap { part in answers.map { Cell(row: row, part: part, answer: $0) } } }
    }
}

/// The marks of a protected `ThreeWayTable`: a cell without a mark is shown.
public struct ThreeWayMarking: Sendable {
    public var marks: [ThreeWayTable.Cell: DisclosedCell]
    /// The cells no reader may pin: every small count, and the non-zero split of a small row of a slice.
    public var protected: Set<ThreeWayTable.Cell>

    public init(marks: [ThreeWayTable.Cell: DisclosedCell], protected: Set<ThreeWayTable.Cell>) {
        self.marks = marks
        self.protected = protected
    }

    public func cell(_ cell: ThreeWayTable.Cell, in table: ThreeWayTable) -> DisclosedCell {
        marks[cell] ?? .shown(table.value(cell))
    }
}

extension DisclosurePolicy {
    /// Protects every two-way slice of `table` against one set of marks until none withholds more.
    public func protect(_ table: ThreeWayTable) -> ThreeWayMarking {
        var marking = ThreeWayMarking(marks: [:], protected: [])
        let slices = ThreeWaySlice.all(of: table)
        var changed = true
        while changed {
            changed = false
            for slice in slices {
                guard let counts = try? slice.countTable(table) else { continue }
                var known: [CountTable.Position: DisclosedCell] = [:]
                for (position, cell) in slice.cells { if let mark = marking.marks[cell] { known[position] = mark } }
                let sliceMarking = protect(counts, alreadyHidden: known)
                for (position, mark) in sliceMarking.marks {
                    guard let cell = slice.cells[position] else { continue }
                    // Withheld says less than "<5": where the slices differ, the cell is withheld.
                    let merged: DisclosedCell = marking.marks[cell] == .withheld ? .withheld : mark
                    if marking.marks[cell] != merged {
                        marking.marks[cell] = merged
                        changed = true
                    }
                }
                for position in sliceMarking.protected { if let cell = slice.cells[position] { marking.protected.insert(cell) } }
            }
        }
        ThreeWayMoves(table: table, threshold: threshold).secure(&marking)
        return marking
    }
}

/// The proof that no protected cell of a three-way table can be pinned, and what makes it so when the
/// slices alone do not (a reader combines the slices' equations, which no slice sees).
///
/// A move adds ±1 to a few cells of the table (one cell; two on a line; the corners of a rectangle;
/// the corners of a box) and so changes every sum those cells are in. A move is open to a reader when
/// every published figure it changes is hidden and stays within what its mark says ("<5": 1 to 4;
/// withheld: 0 or more; a listed row: not empty), and no count falls below 0: then the moved table
/// is as consistent with the publication as the true one. A protected cell some open move changes
/// has at least two possible values, so nobody can pin it. Each protected cell without one gets the
/// cheapest move made open by withholding the shown figures it changes.
struct ThreeWayMoves: Sendable {
    typealias Cell = ThreeWayTable.Cell
    let table: ThreeWayTable
    let threshold: Int

    /// (row, part, answer, step) for each cell the move changes.
    typealias Move = [(row: Int, part: Int, answer: Int, step: Int)]

    private var hiddenPart: Int { table.partCount - 1 }

    func secure(_ marking: inout ThreeWayMarking) {
        // Listing every move (2,592 for 8 rows × 3 parts × 3 answers, each with its sums) took
        // 4 ms; a table with no protected cell needs none of them.
        guard !marking.protected.isEmpty else { return }
        let moves = allMoves().map(effects)
        for cell in marking.protected.sorted(by: { $0.description < $1.description }) {
            if moves.contains(where: { isOpen($0, changing: cell, marks: marking.marks) }) { continue }
            var best: (cost: Int, cells: [Cell])?
            for move in moves {
                guard let cells = opening(move, changing: cell, marks: marking.marks) else { continue }
                let cost = cells.reduce(0) { $0 + table.value($1) } * 100 + cells.count
                if best.map({ cost < $0.cost }) ?? true { best = (cost, cells) }
            }
            if let best {
                for hidden in best.cells { marking.marks[hidden] = .withheld }
            } else {
                // Last resort, as for two-way tables: hide every published count.
                for other in table.cells where other.part != hiddenPart && marking.marks[other] == nil && table.value(other) > 0 {
                    marking.marks[other] = .withheld
                }
            }
        }
    }

    /// The range a reader allows a cell, or nil for a figure shown (which no move may change).
    private func range(_ cell: Cell, marks: [Cell: DisclosedCell]) -> ClosedRange<Int>? {
        let floor = cell.row != nil && cell.part == nil && cell.answer == nil ? 1 : 0
        if cell.part == hiddenPart { return 0...Int.max }
        switch marks[cell] {
        case .small: return max(1, floor)...(threshold - 1)
        case .withheld: return floor...Int.max
        case .shown, nil: return nil
        }
    }

    private func isOpen(_ effect: [Cell: Int], changing target: Cell, marks: [Cell: DisclosedCell]) -> Bool {
        guard let step = effect[target], step != 0 else { return false }
        return effect.allSatisfy { cell, step in
            step == 0 || (range(cell, marks: marks)?.contains(table.value(cell) + step) ?? false)
        }
    }

    /// The shown figures to withhold so that the move is open, or nil when it cannot be.
    private func opening(_ effect: [Cell: Int], changing target: Cell, marks: [Cell: DisclosedCell]) -> [Cell]? {
        guard let step = effect[target], step != 0 else { return nil }
        var cells: [Cell] = []
        for (cell, step) in effect where step != 0 {
            let value = table.value(cell) + step
            if let range = range(cell, marks: marks) {
                guard range.contains(value) else { return nil }
            } else {
                let floor = cell.row != nil && cell.part == nil && cell.answer == nil ? 1 : 0
                guard value >= floor else { return nil }
                cells.append(cell)
            }
        }
        return cells.sorted { $0.description < $1.description }
    }

    /// Every change a move makes, to the cells and to every sum they are in.
    private func effects(_ move: Move) -> [Cell: Int] {
        var effect: [Cell: Int] = [:]
        for entry in move {
            for row in [entry.row, nil] as [Int?] {
                for part in [entry.part, nil] as [Int?] {
                    for answer in [entry.answer, nil] as [Int?] {
                        effect[Cell(row: row, part: part, answer: answer), default: 0] += entry.step
                    }
                }
            }
        }
        return effect
    }

    /// Single cells, pairs on a line, rectangles and boxes, each in both directions.
    private func allMoves() -> [Move] {
        let sizes = [table.rowCount, table.partCount, table.answerCount]
        var moves: [Move] = []
        for varying in 0..<8 {
            // For each direction: one index, or a pair of indices when it varies.
            let choices: [[[Int]]] = (0..<3).map { dimension in
                let count = sizes[dimension]
                if varying & (1 << dimension) == 0 { return (0..<count).map { [$0] } }
                return (0..<count).flatMap { first in ((first + 1)..<max(first + 1, count)).map { [first, $0] } }
            }
            for rows in choices[0] {
                for parts in choices[1] {
                    for answers in choices[2] {
                        var move: Move = []
                        for (i, row) in rows.enumerated() {
                            for (j, part) in parts.enumerated() {
                                for (k, answer) in answers.enumerated() {
                                    move.append((row, part, answer, (i + j + k) % 2 == 0 ? 1 : -1))
                                }
                            }
                        }
                        moves.append(move)
                        moves.append(move.map { ($0.row, $0.part, $0.answer, -$0.step) })
                    }
                }
            }
        }
        return moves
    }
}

/// One two-way slice of a `ThreeWayTable` as a `CountTable`, and where each of its cells sits.
struct ThreeWaySlice: Sendable {
    /// The slice's rows, each a list of (total, parts), and the totals row, as cells of the table.
    let rowCells: [(total: ThreeWayTable.Cell, parts: [ThreeWayTable.Cell])]
    let totalsCells: (total: ThreeWayTable.Cell, parts: [ThreeWayTable.Cell])
    let cells: [CountTable.Position: ThreeWayTable.Cell]

    init(rows: [(total: ThreeWayTable.Cell, parts: [ThreeWayTable.Cell])], totals: (total: ThreeWayTable.Cell, parts: [ThreeWayTable.Cell]))
    {
        rowCells = rows
        totalsCells = totals
        var cells: [CountTable.Position: ThreeWayTable.Cell] = [:]
        for (index, row) in rows.enumerated() {
            cells[CountTable.Position(row: index, column: .total)] = row.total
            for (part, cell) in row.parts.enumerated() { cells[CountTable.Position(row: index, column: .part(part))] = cell }
        }
        cells[CountTable.Position(row: nil, column: .total)] = totals.total
        for (part, cell) in totals.parts.enumerated() { cells[CountTable.Position(row: nil, column: .part(part))] = cell }
        self.cells = cells
    }

    func countTable(_ table: ThreeWayTable) throws -> CountTable {
        try CountTable(
            partCount: totalsCells.parts.count,
            rows: rowCells.map { CountTable.Row(total: table.value($0.total), parts: $0.parts.map(table.value)) }, publishesTotals: true)
    }

    static func all(of table: ThreeWayTable) -> [ThreeWaySlice] {
        typealias Cell = ThreeWayTable.Cell
        let rows: [Int?] = Array(0..<table.rowCount) + [nil]
        let parts: [Int?] = Array(0..<table.partCount) + [nil]
        let answers: [Int?] = Array(0..<table.answerCount) + [nil]
        var slices: [ThreeWaySlice] = []
        // Each row (and the row "all"): answers × parts.
        for row in rows {
            slices.append(
                ThreeWaySlice(
                    rows: (0..<table.answerCount).map { answer in
                        (Cell(row: row, part: nil, answer: answer), (0..<table.partCount).map { Cell(row: row, part: $0, answer: answer) })
                    },
                    totals: (Cell(row: row, part: nil, answer: nil), (0..<table.partCount).map { Cell(row: row, part: $0, answer: nil) })))
        }
        // Each part (and "all"): rows × answers.
        for part in parts {
            slices.append(
                ThreeWaySlice(
                    rows: (0..<table.rowCount).map { row in
                        (Cell(row: row, part: part, answer: nil), (0..<table.answerCount).map { Cell(row: row, part: part, answer: $0) })
                    },
                    totals: (
                        Cell(row: nil, part: part, answer: nil), (0..<table.answerCount).map { Cell(row: nil, part: part, answer: $0) }
                    )))
        }
        // Each answer (and "all"): rows × parts.
        for answer in answers {
            slices.append(
                ThreeWaySlice(
                    rows: (0..<table.rowCount).map { row in
                        (Cell(row: row, part: nil, answer: answer), (0..<table.partCount).map { Cell(row: row, part: $0, answer: answer) })
                    },
                    totals: (
                        Cell(row: nil, part: nil, answer: answer), (0..<table.partCount).map { Cell(row: nil, part: $0, answer: answer) }
                    )))
        }
        return slices
    }
}
