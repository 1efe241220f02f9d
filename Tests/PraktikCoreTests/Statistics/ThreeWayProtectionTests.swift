import PraktikCore
import Testing

@Suite("Three-way tables: every slice protected, no hidden count follows from any sum")
struct ThreeWayProtectionTests {
    let policy = DisclosurePolicy.standard
    typealias Cell = ThreeWayTable.Cell

    /// `counts[row][part][answer]` with parts women, men, others and answers hired, not hired, unknown.
    func table(_ counts: [[[Int]]]) throws -> ThreeWayTable {
        try ThreeWayTable(counts: counts, partCount: 3, answerCount: 3)
    }

    @Test("a small count is hidden and so is whatever would give it back from a total")
    func totalWouldReveal() throws {
        // Purpose 0: women hired 2, not hired 10, unknown 8. Shown naively, 2 = 20 - 10 - 8.
        let t = try table([
            [[2, 10, 8], [6, 7, 9], [0, 0, 0]],
            [[9, 8, 7], [6, 12, 5], [0, 0, 0]],
        ])
        let marking = policy.protect(t)
        #expect(marking.cell(Cell(row: 0, part: 0, answer: 0), in: t) == .small)
        let rowCells = [Cell(row: 0, part: 0, answer: 1), Cell(row: 0, part: 0, answer: 2), Cell(row: 0, part: 0, answer: nil)]
        #expect(rowCells.contains { marking.marks[$0] != nil }, "the women's row of purpose 0 cannot all be shown")
        let columnCells = [Cell(row: 0, part: 1, answer: 0), Cell(row: 0, part: nil, answer: 0)]
        #expect(columnCells.contains { marking.marks[$0] != nil }, "nor the hired of purpose 0 by gender")
        let acrossRows = [Cell(row: 1, part: 0, answer: 0), Cell(row: nil, part: 0, answer: 0)]
        #expect(acrossRows.contains { marking.marks[$0] != nil }, "nor the women hired over the purposes")
        #expect(BruteForceThreeWayReader(table: t, marking: marking, threshold: 5).findings().isEmpty)
    }

    @Test("one person of other gender is not all minus women minus men")
    func othersProtected() throws {
        let t = try table([[[6, 7, 8], [5, 9, 6], [1, 0, 0]], [[7, 6, 5], [8, 9, 10], [0, 0, 0]]])
        let marking = policy.protect(t)
        #expect(BruteForceThreeWayReader(table: t, marking: marking, threshold: 5).findings().isEmpty)
        let hired0 = [Cell(row: 0, part: 0, answer: 0), Cell(row: 0, part: 1, answer: 0), Cell(row: 0, part: nil, answer: 0)]
        #expect(hired0.contains { marking.marks[$0] != nil })
    }

    @Test("random small tables: a brute-force reader pins no hidden count", arguments: 0..<24)
    func bruteForce(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &+ 7_000)
        let rows = seed < 16 ? 1 : 2
        let genderValues = [0, 0, 1, 2, 3, 6]
        let otherValues = [0, 0, 0, 0, 1]
        var counts: [[[Int]]] = []
        for _ in 0..<rows {
            let row = (0..<3).map { part in
                (0..<3).map { _ in
                    part < 2
                        ? genderValues[Int.random(in: 0..<genderValues.count, using: &random)]
                        : otherValues[Int.random(in: 0..<otherValues.count, using: &random)]
                }
            }
            if row.joined().reduce(0, +) > 0 { counts.append(row) }
        }
        guard !counts.isEmpty else { return }
        let t = try table(counts)
        let marking = policy.protect(t)
        for (cell, mark) in marking.marks where mark == .small { #expect(policy.isSmall(t.value(cell)), "\(cell)") }
        for cell in t.cells where policy.isSmall(t.value(cell)) { #expect(marking.marks[cell] != nil, "\(cell) in \(counts)") }
        let findings = BruteForceThreeWayReader(table: t, marking: marking, threshold: 5).findings()
        #expect(findings.isEmpty, "\(findings) in \(counts)")
    }
}

/// Every three-way table a reader could write down from what is published (every cell whose part is
/// not the last, shown, "<5" or withheld, and every listed row not empty), by enumeration: for each
/// row and answer the total over parts, then the published parts (the last part is what is left).
/// A finding is a protected cell whose possible values are one, only 0, or all at least the threshold.
struct BruteForceThreeWayReader {
    let table: ThreeWayTable
    let marking: ThreeWayMarking
    let threshold: Int
    var cap = 10

    struct Finding: CustomStringConvertible {
        let cell: ThreeWayTable.Cell
        let values: ClosedRange<Int>
        var description: String { "\(cell) in \(values)" }
    }

    private var published: Int { table.partCount - 1 }

    /// The variable of row, answer and k: k = 0 the total over parts, k = 1... the published parts.
    private func index(_ row: Int, _ answer: Int, _ k: Int) -> Int { (row * table.answerCount + answer) * (published + 1) + k }

    private func range(_ cell: ThreeWayTable.Cell) -> (lower: Int, upper: Int) {
        var range: (lower: Int, upper: Int)
        switch marking.cell(cell, in: table) {
        case .shown(let value): range = (value, value)
        case .small: range = (1, threshold - 1)
        case .withheld: range = (0, Int.max)
        }
        if cell.row != nil, cell.part == nil, cell.answer == nil { range.lower = max(range.lower, 1) }
        return range
    }

    /// The variables a cell is the sum of, with their signs (the last part is a total minus parts).
    private func terms(_ cell: ThreeWayTable.Cell) -> [(index: Int, sign: Int)] {
        let rows = cell.row.map { [$0] } ?? Array(0..<table.rowCount)
        let answers = cell.answer.map { [$0] } ?? Array(0..<table.answerCount)
        var terms: [(Int, Int)] = []
        for row in rows {
            for answer in answers {
                switch cell.part {
                case nil: terms.append((index(row, answer, 0), 1))
                case let part? where part < published: terms.append((index(row, answer, part + 1), 1))
                default:
                    terms.append((index(row, answer, 0), 1))
                    for k in 1...published { terms.append((index(row, answer, k), -1)) }
                }
            }
        }
        return terms
    }

    func findings() -> [Finding] {
        let count = table.rowCount * table.answerCount * (published + 1)
        let constraints = table.cells.filter { $0.part.map { $0 < published } ?? true }.map { cell in
            (cell: cell, indices: terms(cell).map(\.index), range: range(cell))
        }
        var byLast: [[Int]] = Array(repeating: [], count: count)
        var byIndex: [[Int]] = Array(repeating: [], count: count)
        for (number, constraint) in constraints.enumerated() {
            byLast[constraint.indices.max() ?? 0].append(number)
            for index in constraint.indices { byIndex[index].append(number) }
        }
        let targets = Array(marking.protected)
        let targetTerms = targets.map(terms)
        var low = Array(repeating: Int.max, count: targets.count)
        var high = Array(repeating: Int.min, count: targets.count)
        var values = Array(repeating: 0, count: count)
        var partial = Array(repeating: 0, count: constraints.count)
        var visited = 0
        // Far enough above every true count that a shown one is reachable and a hidden one may move.
        let reach = max(
            cap,
            (0..<table.rowCount).flatMap { row in (0..<table.answerCount).map { table.value(.init(row: row, part: nil, answer: $0)) } }
                .max() ?? 0)

        func settled() -> Bool {
            targets.indices.allSatisfy { low[$0] < high[$0] && low[$0] < threshold && high[$0] > 0 }
        }
        func visit(_ position: Int) -> Bool {
            if position == count {
                visited += 1
                for (number, terms) in targetTerms.enumerated() {
                    let value = terms.reduce(0) { $0 + $1.sign * values[$1.index] }
                    low[number] = min(low[number], value)
                    high[number] = max(high[number], value)
                }
                return settled()
            }
            let k = position % (published + 1)
            let upper: Int
            if k == 0 {
                upper = reach
            } else {
                let first = position - k
                upper = values[first] - values[(first + 1)..<position].reduce(0, +)
            }
            guard upper >= 0 else { return false }
            for value in 0...upper {
                values[position] = value
                var fits = true
                for number in byIndex[position] {
                    partial[number] += value
                    if partial[number] > constraints[number].range.upper { fits = false }
                }
                if fits {
                    for number in byLast[position] where partial[number] < constraints[number].range.lower { fits = false }
                }
                let done = fits && visit(position + 1)
                for number in byIndex[position] { partial[number] -= value }
                if done { return true }
            }
            return false
        }
        _ = visit(0)
        guard visited > 0 else { return [Finding(cell: ThreeWayTable.Cell(row: nil, part: nil, answer: nil), values: 0...0)] }
        return targets.indices.compactMap { number in
            let revealing = low[number] == high[number] || high[number] == 0 || low[number] >= threshold
            return revealing ? Finding(cell: targets[number], values: low[number]...high[number]) : nil
        }
    }
}
