import Testing

@testable import PraktikCore

@Suite("Residual network: the quick answer over the totals equals a walk over every row")
struct ResidualNetworkTests {
    @Test("canMove agrees with the maximum flow for every hidden cell", arguments: 0..<80)
    func quickEqualsWalk(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &+ 1000)
        let rows = Int.random(in: 1...12, using: &random)
        var table: [CountTable.Row] = []
        for _ in 0..<rows {
            let parts = (0..<3).map { _ in [0, 0, 1, 2, 3, 4, 6, 9][Int.random(in: 0..<8, using: &random)] }
            let total = parts.reduce(0, +)
            table.append(CountTable.Row(total: total, parts: parts, measures: [Int.random(in: 0...total, using: &random)]))
        }
        let counts = try CountTable(partCount: 3, measureCount: 1, rows: table, publishesTotals: seed % 4 != 0)
        // A random marking, not the policy's, so that pinned and free cells both occur.
        var marks: [CountTable.Position: DisclosedCell] = [:]
        for position in counts.positions where Int.random(in: 0..<3, using: &random) == 0 {
            let value = counts.value(at: position)
            marks[position] = (1..<5).contains(value) && Bool.random(using: &random) ? .small : .withheld
        }
        let model = DisclosureModel(table: counts, threshold: 5, marks: marks)
        for position in marks.keys {
            let bounds = model.bounds(position)
            #expect(model.canMove(position) == (bounds.lowerBound < bounds.upperBound), "\(position) \(bounds)")
        }
    }
}
