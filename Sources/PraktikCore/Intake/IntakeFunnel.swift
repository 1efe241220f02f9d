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

    /// The funnel as people who may only see aggregates get it, protected by `policy`: the screened
    /// rows (green, orange, red) as one table whose totals row is "applied", since every
    /// application carries one colour; the other stages as tables of one row each. (A reader also
    /// knows that no more were offered a place than were green; those inequalities are not used.)
    public func disclosed(by policy: DisclosurePolicy) -> [Position: DisclosedCell] {
        var cells: [Position: DisclosedCell] = [:]
        func store(_ row: DisclosedTable.Row, as stage: Stage) {
            cells[Position(stage: stage, gender: nil)] = row.total
            for (gender, cell) in zip(Self.genders, row.parts) { cells[Position(stage: stage, gender: gender)] = cell }
        }
        func tableRow(_ stage: Stage) -> CountTable.Row { CountTable.Row(parts: Self.genders.map { count(stage, $0) }) }
        let colours: [Stage] = [.green, .orange, .red]
        var single: [Stage] = [.invited, .offered, .decided]
        let screened = colours.reduce(0) { $0 + total($1) } == total(.applied)
        if !screened { single.append(.applied) }
        if let table = try? CountTable(partCount: Self.genders.count, rows: colours.map(tableRow), publishesTotals: screened) {
            let disclosed = policy.disclose(table)
            for (stage, row) in zip(colours, disclosed.rows) { store(row, as: stage) }
            if let totals = disclosed.totals { store(totals, as: .applied) }
        }
        for stage in single {
            if let table = try? CountTable(partCount: Self.genders.count, rows: [tableRow(stage)], publishesTotals: false),
                let row = policy.disclose(table).rows.first
            {
                store(row, as: stage)
            }
        }
        return cells
    }
}

/// How long screening takes: days from application to the first decision.
public enum Turnaround {
    /// The turnaround report counts a first decision within this many days as prompt. The seeds set
    /// no target; one fixed yardstick makes intakes comparable, and the median shows the rest.
    public static let promptDays = 14

    public static func isPrompt(days: Double) -> Bool { days <= Double(promptDays) }

    /// The median of `days`, or nil for none.
    public static func median(_ days: [Double]) -> Double? {
        guard !days.isEmpty else { return nil }
        let sorted = days.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
