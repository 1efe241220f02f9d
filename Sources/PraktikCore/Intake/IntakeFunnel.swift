/// The intake funnel by gender (seed 004 table 1): how many were invited, applied, were screened
/// green, orange or red, were offered a place and got a placement decision.
///
/// Every application carries exactly one colour, so green + orange + red = applied in every
/// column; the disclosure below uses that equation as well as each row's total.
public struct IntakeFunnel: Sendable, Hashable {
    public enum Stage: String, CaseIterable, Codable, Sendable, Hashable {
        case invited
        case applied
        case green
        case orange
        case red
        case offered
        case decided
    }

    /// The columns, in the order pages and CSV files show them.
    public static let genders: [Gender] = [.woman, .man, .other, .notStated]

    private var counts: [Stage: [Gender: Int]]

    public init(counts: [Stage: [Gender: Int]] = [:]) {
        self.counts = counts
    }

    public func count(_ stage: Stage, _ gender: Gender) -> Int { counts[stage]?[gender] ?? 0 }

    public func total(_ stage: Stage) -> Int { Self.genders.reduce(0) { $0 + count(stage, $1) } }

    public mutating func add(_ number: Int, to stage: Stage, for gender: Gender) {
        counts[stage, default: [:]][gender, default: 0] += number
    }

    /// `stage` as a share of `base` (0...1) for one gender, or for everyone when `gender` is nil;
    /// nil when the base is empty.
    public func share(of stage: Stage, relativeTo base: Stage, for gender: Gender? = nil) -> Double? {
        let numerator = gender.map { count(stage, $0) } ?? total(stage)
        let denominator = gender.map { count(base, $0) } ?? total(base)
        return denominator > 0 ? Double(numerator) / Double(denominator) : nil
    }

    /// A cell of the published table: its stage and column (a gender, or nil for the total).
    public struct Position: Hashable, Sendable {
        public let stage: Stage
        public let gender: Gender?

        public init(stage: Stage, gender: Gender?) {
            self.stage = stage
            self.gender = gender
        }
    }

    /// The funnel as people who may only see aggregates get it. Counts from 1 to the threshold
    /// minus one are hidden, and then more cells are hidden until no hidden cell can be worked out
    /// from the totals: every row (women + men + other + not stated = total) and every column
    /// (green + orange + red = applied) with exactly one hidden cell gets a second one, the smallest
    /// non-zero part shown.
    public func disclosed(by suppression: SmallNumberSuppression) -> [Position: SmallNumberSuppression.Cell] {
        let columns: [Gender?] = Self.genders.map { Optional($0) } + [nil]
        func value(_ position: Position) -> Int {
            position.gender.map { count(position.stage, $0) } ?? total(position.stage)
        }
        var hidden: Set<Position> = []
        for stage in Stage.allCases {
            for column in columns {
                let position = Position(stage: stage, gender: column)
                if suppression.cell(value(position)) == .suppressed { hidden.insert(position) }
            }
        }
        // Each equation: its parts, then the whole.
        var equations: [(parts: [Position], whole: Position)] = Stage.allCases.map { stage in
            (Self.genders.map { Position(stage: stage, gender: $0) }, Position(stage: stage, gender: nil))
        }
        for column in columns {
            equations.append(
                ([.green, .orange, .red].map { Position(stage: $0, gender: column) }, Position(stage: .applied, gender: column)))
        }
        var changed = true
        while changed {
            changed = false
            for equation in equations {
                let members = equation.parts + [equation.whole]
                guard members.filter(hidden.contains).count == 1 else { continue }
                let candidates = equation.parts.filter { !hidden.contains($0) && value($0) > 0 }
                let extra = candidates.min { value($0) < value($1) } ?? (hidden.contains(equation.whole) ? nil : equation.whole)
                if let extra {
                    hidden.insert(extra)
                    changed = true
                }
            }
        }
        var cells: [Position: SmallNumberSuppression.Cell] = [:]
        for stage in Stage.allCases {
            for column in columns {
                let position = Position(stage: stage, gender: column)
                cells[position] = hidden.contains(position) ? .suppressed : .count(value(position))
            }
        }
        return cells
    }
}

/// How long screening takes: days from application to the first decision.
public enum Turnaround {
    /// The median of `days`, or nil for none.
    public static func median(_ days: [Double]) -> Double? {
        guard !days.isEmpty else { return nil }
        let sorted = days.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
