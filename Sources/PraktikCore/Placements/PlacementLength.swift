/// How long a placement runs by default: arbetspraktik 4 months (seed 000), Danish virksomhedspraktik
/// 4, 8 or 13 weeks by benefit group. Configured per programme and benefit group.
public struct PlacementLength: Sendable, Hashable, Codable {
    public enum Unit: String, CaseIterable, Codable, Sendable, Hashable {
        case weeks
        case months
    }

    public var value: Int
    public var unit: Unit

    public init(value: Int, unit: Unit) {
        self.value = value
        self.unit = unit
    }

    /// Lengths a programme may be configured with: one week to two years.
    public var isReasonable: Bool {
        switch unit {
        case .weeks: (1...104).contains(value)
        case .months: (1...24).contains(value)
        }
    }

    /// The last day of a placement of this length starting on `start`: 4 months from 1 June end on
    /// 30 September, 4 weeks from a Monday end on the Sunday four weeks later.
    public func end(startingOn start: CivilDate) -> CivilDate? {
        switch unit {
        case .weeks: start.adding(days: value * 7 - 1)
        case .months: start.adding(months: value)?.adding(days: -1)
        }
    }

    /// The same length in days from `start`, for comparing a requested period with the limit.
    public func days(startingOn start: CivilDate) -> Int? {
        end(startingOn: start).map { start.daysThrough($0) }
    }
}
