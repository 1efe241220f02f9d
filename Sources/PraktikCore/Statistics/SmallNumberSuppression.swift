/// Hides counts small enough to point at a person, for figures shown to people who may only see
/// aggregates (DESIGN.md: cells under 5 are suppressed, with secondary suppression so a hidden cell
/// cannot be worked out from the total).
public struct SmallNumberSuppression: Sendable, Hashable {
    /// Counts from 1 up to `threshold - 1` are hidden; 0 is shown (no one is identified by it).
    public let threshold: Int

    public init(threshold: Int = 5) {
        self.threshold = threshold
    }

    public enum Cell: Sendable, Hashable {
        case count(Int)
        /// Shown as "<threshold".
        case suppressed
    }

    public func cell(_ count: Int) -> Cell {
        count > 0 && count < threshold ? .suppressed : .count(count)
    }

    /// A total and its parts (e.g. placements split by gender). Small parts are hidden; if exactly
    /// one part is hidden and the total is shown, the smallest other non-zero part is hidden too, or
    /// the hidden one would be the total minus the rest.
    public func split(total: Int, parts: [Int]) -> (total: Cell, parts: [Cell]) {
        var cells = parts.map(cell)
        let totalCell = cell(total)
        let hidden = cells.indices.filter { cells[$0] == .suppressed }
        if hidden.count == 1, totalCell != .suppressed {
            let candidates = parts.indices.filter { cells[$0] != .suppressed && parts[$0] > 0 }
            if let smallest = candidates.min(by: { parts[$0] < parts[$1] }) { cells[smallest] = .suppressed }
        }
        return (totalCell, cells)
    }
}
