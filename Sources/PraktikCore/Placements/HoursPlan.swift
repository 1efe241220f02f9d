/// Hours a week over a placement, in steps that may rise as the participant settles in (10, then 20,
/// then 30 hours a week). Each step holds from its date until the next step. The plan is shown on the
/// placement and weights the allocation of benefit costs over the placement's days.
public struct HoursPlan: Sendable, Hashable {
    public struct Step: Sendable, Hashable, Codable {
        public var from: CivilDate
        public var hoursPerWeek: Int

        public init(from: CivilDate, hoursPerWeek: Int) {
            self.from = from
            self.hoursPerWeek = hoursPerWeek
        }
    }

    public enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        case hoursOutOfRange = "hours-plan.hours-out-of-range"
        case outsidePeriod = "hours-plan.outside-period"
        case sameDate = "hours-plan.same-date"

        public var code: String { rawValue }
    }

    public static let hoursRange = 1...40

    /// Steps in date order, at most one per date.
    public let steps: [Step]

    public init(steps: [Step]) {
        var byDate: [CivilDate: Step] = [:]
        for step in steps { byDate[step.from] = step }
        self.steps = byDate.values.sorted { $0.from < $1.from }
    }

    /// The hours a week on `day`: the latest step on or before it; nil before the first step.
    public func hoursPerWeek(on day: CivilDate) -> Int? {
        steps.last { $0.from <= day }?.hoursPerWeek
    }

    /// Whether `step` may be added to a placement running `start...end`.
    public func problem(adding step: Step, periodStart start: CivilDate, periodEnd end: CivilDate) -> Problem? {
        guard Self.hoursRange.contains(step.hoursPerWeek) else { return .hoursOutOfRange }
        guard step.from >= start, step.from <= end else { return .outsidePeriod }
        guard !steps.contains(where: { $0.from == step.from }) else { return .sameDate }
        return nil
    }

    /// Planned hours over `from...to` (both included), a week's hours spread evenly over its seven
    /// days; days before the first step count as the first step's hours. Used to weight costs.
    public func plannedHours(from: CivilDate, to: CivilDate) -> Double {
        guard from <= to, let first = steps.first else { return 0 }
        var total = 0.0
        var day = from.dayNumber
        let last = to.dayNumber
        var index = 0
        while day <= last {
            while index + 1 < steps.count, steps[index + 1].from.dayNumber <= day { index += 1 }
            let current = steps[index].from.dayNumber <= day ? steps[index] : first
            // Days until the next step starts, or the end of the range.
            let nextChange = index + 1 < steps.count ? steps[index + 1].from.dayNumber : last + 1
            let runEnd = min(last, nextChange - 1)
            let days = max(1, runEnd - day + 1)
            total += Double(current.hoursPerWeek) * Double(days) / 7
            day += days
        }
        return total
    }
}
