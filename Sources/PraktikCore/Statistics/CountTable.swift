/// A table of counts about people as it would be published: rows (an employer, a stage of a
/// funnel, a unit), each with a total, the total's split into parts that add up to it (the genders)
/// and measures that are each at most the total (how many were hired), and optionally a totals row
/// with the column sums.
///
/// This is what `DisclosurePolicy` protects and `DisclosureAudit` attacks: every equation a reader
/// can write down (a row's parts add up to its total, a column adds up to its total) is in the shape.
public struct CountTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var total: Int
        /// Add up to `total`.
        public var parts: [Int]
        /// Each between 0 and `total`.
        public var measures: [Int]

        public init(total: Int, parts: [Int], measures: [Int] = []) {
            self.total = total
            self.parts = parts
            self.measures = measures
        }

        public init(parts: [Int], measures: [Int] = []) {
            self.init(total: parts.reduce(0, +), parts: parts, measures: measures)
        }
    }

    public let partCount: Int
    public let measureCount: Int
    public private(set) var rows: [Row]
    /// Whether the column sums are published beside the rows.
    public let publishesTotals: Bool

    public enum Problem: Error, Equatable {
        case partsDoNotAddUp(row: Int)
        case measureAboveTotal(row: Int)
        case negative(row: Int)
        case shape(row: Int)
    }

    public init(partCount: Int, measureCount: Int = 0, rows: [Row], publishesTotals: Bool = true) throws {
        for (index, row) in rows.enumerated() {
            guard row.parts.count == partCount, row.measures.count == measureCount else { throw Problem.shape(row: index) }
            guard row.total >= 0, row.parts.allSatisfy({ $0 >= 0 }), row.measures.allSatisfy({ $0 >= 0 }) else {
                throw Problem.negative(row: index)
            }
            guard row.parts.reduce(0, +) == row.total else { throw Problem.partsDoNotAddUp(row: index) }
            guard row.measures.allSatisfy({ $0 <= row.total }) else { throw Problem.measureAboveTotal(row: index) }
        }
        self.partCount = partCount
        self.measureCount = measureCount
        self.rows = rows
        self.publishesTotals = publishesTotals
    }

    /// The column sums.
    public var totals: Row {
        Row(
            total: rows.reduce(0) { $0 + $1.total },
            parts: (0..<partCount).map { column in rows.reduce(0) { $0 + $1.parts[column] } },
            measures: (0..<measureCount).map { column in rows.reduce(0) { $0 + $1.measures[column] } })
    }

    /// Where a cell is: a row (nil for the totals row) and a column.
    public struct Position: Sendable, Hashable, CustomStringConvertible {
        public enum Column: Sendable, Hashable {
            case total
            case part(Int)
            case measure(Int)
        }

        public let row: Int?
        public let column: Column

        public init(row: Int?, column: Column) {
            self.row = row
            self.column = column
        }

        public var description: String { "\(row.map { "row \($0)" } ?? "totals") \(column)" }
    }

    public func value(at position: Position) -> Int {
        let row = position.row.map { rows[$0] } ?? totals
        switch position.column {
        case .total: return row.total
        case .part(let index): return row.parts[index]
        case .measure(let index): return row.measures[index]
        }
    }

    /// Every cell, rows first, then the totals row if published.
    public var positions: [Position] {
        let columns: [Position.Column] =
            [.total] + (0..<partCount).map { .part($0) } + (0..<measureCount).map { .measure($0) }
        let rowIndices: [Int?] = rows.indices.map { Optional($0) } + (publishesTotals ? [nil] : [])
        return rowIndices.flatMap { row in columns.map { Position(row: row, column: $0) } }
    }
}
