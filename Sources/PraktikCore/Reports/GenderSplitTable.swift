/// Counts of people split by gender, as the reports publish them: women, men and all (all also
/// counts other and not stated, which are too few to publish apart).
public struct GenderCount: Sendable, Hashable {
    public var women: Int
    public var men: Int
    public var all: Int

    public init(women: Int = 0, men: Int = 0, all: Int = 0) {
        self.women = women
        self.men = men
        self.all = all
    }

    /// Other and not stated: never published, but in every equation a reader can write.
    public var others: Int { all - women - men }

    public static func + (lhs: GenderCount, rhs: GenderCount) -> GenderCount {
        GenderCount(women: lhs.women + rhs.women, men: lhs.men + rhs.men, all: lhs.all + rhs.all)
    }

    /// Adds one person of `gender`.
    public mutating func add(_ gender: Gender, _ count: Int = 1) {
        all += count
        switch gender {
        case .woman: women += count
        case .man: men += count
        case .other, .notStated: break
        }
    }
}

/// The gender columns a report writes, in order.
public enum ReportGender: String, CaseIterable, Sendable {
    case women, men, all

    /// The columns a person of `gender` is counted in: their own and `all` (other and not stated
    /// only in `all`).
    public static func columns(for gender: Gender) -> [ReportGender] {
        switch gender {
        case .woman: [.women, .all]
        case .man: [.men, .all]
        case .other, .notStated: [.all]
        }
    }
}

/// One block of a report: rows (a unit, an outcome, a regime) each counted by gender, and the row
/// of their sums (the unit "all"), published together. Protected as one `CountTable` whose parts are
/// women, men and others, so that no hidden count follows from the "all" gender column, the sums
/// row or the other rows.
public struct GenderSplitBlock: Sendable {
    public var rows: [GenderCount]

    public init(rows: [GenderCount]) { self.rows = rows }

    public var totals: GenderCount { rows.reduce(GenderCount(), +) }

    /// A published cell: the count as the reader gets it.
    public struct Disclosed: Sendable, Hashable {
        public var women: DisclosedCell
        public var men: DisclosedCell
        public var all: DisclosedCell

        public subscript(_ gender: ReportGender) -> DisclosedCell {
            switch gender {
            case .women: women
            case .men: men
            case .all: all
            }
        }
    }

    /// Rows then the sums row, each cell shown or hidden by `policy`; with `exact`, everything shown.
    public func disclose(_ policy: DisclosurePolicy, exact: Bool) -> (rows: [Disclosed], totals: Disclosed) {
        let all = rows + [totals]
        guard !exact else {
            let shown = all.map { Disclosed(women: .shown($0.women), men: .shown($0.men), all: .shown($0.all)) }
            return (Array(shown.dropLast()), shown[shown.count - 1])
        }
        let table: CountTable
        do {
            table = try CountTable(
                partCount: 3, rows: rows.map { CountTable.Row(total: $0.all, parts: [$0.women, $0.men, $0.others]) },
                publishesTotals: true)
        } catch {
            // Counts from SQL always add up; should one not, publish nothing rather than a wrong shape.
            let hidden = Disclosed(women: .withheld, men: .withheld, all: .withheld)
            return (rows.map { _ in hidden }, hidden)
        }
        let disclosed = policy.disclose(table)
        func cells(_ row: DisclosedTable.Row) -> Disclosed {
            Disclosed(women: row.parts[0], men: row.parts[1], all: row.total)
        }
        let totalsRow = disclosed.totals.map(cells) ?? Disclosed(women: .withheld, men: .withheld, all: .withheld)
        return (disclosed.rows.map(cells), totalsRow)
    }
}

/// A share in per cent with one decimal, as the reports write it; nil when either count is hidden
/// (a share of a hidden count would give the count away) or the denominator is zero.
public enum ReportShare {
    public static func percent(_ numerator: DisclosedCell, of denominator: DisclosedCell) -> String? {
        guard case .shown(let part) = numerator, case .shown(let whole) = denominator, whole > 0 else { return nil }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)"
    }
}
