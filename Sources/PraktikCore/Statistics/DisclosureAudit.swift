/// The attacker's method, as a test: for every hidden count that must stay hidden, the smallest
/// and largest values consistent with every figure shown (row sums, column sums, the totals row,
/// the ranges "<5" and withheld stand for). A published table passes when no such cell is pinned to
/// one value, shown to be 0, or shown to be at least the threshold.
///
/// The bounds come from `DisclosureModel`, whose alternatives are a subset of the reader's, so a
/// cell it does not pin, no reader can pin from this table alone. Tables published side by side
/// (the same compilation for two periods) are not compared with each other.
public enum DisclosureAudit {
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public let position: CountTable.Position
        public let value: Int
        public let bounds: ClosedRange<Int>

        public var description: String { "\(position) = \(value), reader's range \(bounds)" }
    }

    /// The bounds of every protected cell of `marking`.
    public static func bounds(
        of table: CountTable, marking: DisclosurePolicy.Marking, threshold: Int
    ) -> [CountTable.Position: ClosedRange<Int>] {
        let model = DisclosureModel(table: table, threshold: threshold, marks: marking.marks)
        var result: [CountTable.Position: ClosedRange<Int>] = [:]
        for position in marking.protected { result[position] = model.bounds(position) }
        return result
    }

    /// The protected cells a reader could pin, show to be 0, or show to be at least the threshold.
    public static func findings(of table: CountTable, marking: DisclosurePolicy.Marking, threshold: Int) -> [Finding] {
        bounds(of: table, marking: marking, threshold: threshold).compactMap { position, bounds in
            let revealing =
                bounds.lowerBound == bounds.upperBound || bounds.upperBound == 0 || bounds.lowerBound >= threshold
                || marking.marks[position] == nil
            return revealing ? Finding(position: position, value: table.value(at: position), bounds: bounds) : nil
        }
        .sorted { $0.description < $1.description }
    }
}
