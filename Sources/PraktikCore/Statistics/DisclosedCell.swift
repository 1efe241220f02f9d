/// A count as a reader who may only see aggregates gets it.
public enum DisclosedCell: Sendable, Hashable {
    case shown(Int)
    /// A count from 1 to the threshold minus one: "<5".
    case small
    /// Hidden although it may be large: so that a small count elsewhere cannot be worked out from
    /// it (secondary suppression), or because it splits a row whose total is small. It must never
    /// read "<5", which would claim it is small.
    case withheld

    public var isHidden: Bool {
        if case .shown = self { return false }
        return true
    }

    /// The value, or nil when hidden.
    public var shownValue: Int? {
        if case .shown(let value) = self { return value }
        return nil
    }

    /// Text for a page or a CSV cell: the number, "<5", or the withheld mark.
    public func text(threshold: Int, withheldMark: String = DisclosedCell.withheldMark) -> String {
        switch self {
        case .shown(let value): String(value)
        case .small: "<\(threshold)"
        case .withheld: withheldMark
        }
    }

    /// The mark Swedish and Danish official statistics use for a figure that may not be published.
    public static let withheldMark = "x"

    /// A key to sort by that never depends on a hidden value: every "<5" sorts between 0 and the
    /// threshold, every withheld cell after every number (callers break ties by name).
    public func sortKey(threshold: Int) -> Double {
        switch self {
        case .shown(let value): Double(value)
        case .small: Double(threshold) - 0.5
        case .withheld: .infinity
        }
    }
}

/// A `CountTable` as published: the same shape, each cell shown or hidden.
public struct DisclosedTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var total: DisclosedCell
        public var parts: [DisclosedCell]
        public var measures: [DisclosedCell]

        /// Every cell of the row, in the order total, parts, measures.
        public var cells: [DisclosedCell] { [total] + parts + measures }
    }

    public let threshold: Int
    public var rows: [Row]
    /// Nil when the table publishes no totals row.
    public var totals: Row?

    /// Whether any cell is withheld (a page then explains the mark).
    public var hasWithheld: Bool {
        (rows + (totals.map { [$0] } ?? [])).contains { $0.cells.contains(.withheld) }
    }

    public func cell(at position: CountTable.Position) -> DisclosedCell? {
        guard let row = position.row.map({ rows.indices.contains($0) ? rows[$0] : nil }) ?? totals else { return nil }
        switch position.column {
        case .total: return row.total
        case .part(let index): return row.parts.indices.contains(index) ? row.parts[index] : nil
        case .measure(let index): return row.measures.indices.contains(index) ? row.measures[index] : nil
        }
    }
}
