/// One valid row of a history file: plain values, checked, ready to be stored.
public struct HistoryRow: Sendable, Hashable {
    public var line: Int
    public var person: PersonIdentifier
    public var gender: Gender
    public var birthYear: Int
    public var birthRegion: BirthRegion
    public var benefitType: BenefitType
    /// The unit's name as written; a unit of that name (ignoring case) is used, or created.
    public var unitName: String {
        didSet { unitKey = HistoryRow.unitKey(unitName) }
    }
    /// The unit's name as units are matched: trimmed, spaces collapsed, case ignored. Kept with the
    /// name because the import asks for it several times per row.
    public private(set) var unitKey: String
    public var employer: EmployerIdentifier
    public var employerName: String
    public var regime: PlaceRegime?
    /// A purpose code of `programme_purposes`.
    public var purpose: String?
    public var start: CivilDate
    public var end: CivilDate
    /// "Did this placement lead to a job with you?": nil when not known.
    public var hiredByHost: Bool?
    public var outcomeAtExit: OutcomeStatus?
    public var outcome3Months: OutcomeStatus?
    /// What was paid during the placement, in öre or øre; nil when not known.
    public var benefitPaidMinor: Int64?

    public init(
        line: Int, person: PersonIdentifier, gender: Gender, birthYear: Int, birthRegion: BirthRegion, benefitType: BenefitType,
        unitName: String, employer: EmployerIdentifier, employerName: String, regime: PlaceRegime?, purpose: String?,
        start: CivilDate, end: CivilDate, hiredByHost: Bool?, outcomeAtExit: OutcomeStatus?, outcome3Months: OutcomeStatus?,
        benefitPaidMinor: Int64?
    ) {
        self.line = line
        self.person = person
        self.gender = gender
        self.birthYear = birthYear
        self.birthRegion = birthRegion
        self.benefitType = benefitType
        self.unitName = unitName
        self.unitKey = HistoryRow.unitKey(unitName)
        self.employer = employer
        self.employerName = employerName
        self.regime = regime
        self.purpose = purpose
        self.start = start
        self.end = end
        self.hiredByHost = hiredByHost
        self.outcomeAtExit = outcomeAtExit
        self.outcome3Months = outcome3Months
        self.benefitPaidMinor = benefitPaidMinor
    }

    /// The key a second import of the same placement is recognised by: person, employer, first day.
    public var placementKey: PlacementKey {
        PlacementKey(person: person.storageValue ?? "", employer: employer.storageValue, start: start)
    }

    /// The currency of the benefit: each benefit type is paid in one country.
    public var currency: String { benefitType.currency ?? "SEK" }

    public static func unitKey(_ name: String) -> String {
        if isCollapsed(name) { return name.lowercased() }
        return name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    /// True when `name` has no whitespace but single spaces between words, told from its bytes: no
    /// ASCII control space, no lead byte of a non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+205F,
    /// U+3000), no space at an end, doubled, or before a combining mark. Splitting by characters
    /// was a fifth of reading a history file, where nearly every name is already so.
    static func isCollapsed(_ name: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in name.utf8 {
            switch byte {
            case 0x09...0x0D, 0xC2, 0xE1, 0xE2, 0xE3: return false
            case 0x20 where previous == 0x20: return false
            case 0x80... where previous == 0x20: return false
            default: previous = byte
            }
        }
        return previous != 0x20
    }
}

/// A placement as the history import recognises it again.
public struct PlacementKey: Sendable, Hashable {
    public let person: String
    public let employer: String
    public let start: CivilDate

    public init(person: String, employer: String, start: CivilDate) {
        self.person = person
        self.employer = employer
        self.start = start
    }
}

/// A problem with one row of a history file: the line, the column (nil for the whole row) and why.
public struct HistoryRowProblem: Sendable, Hashable {
    public let line: Int
    public let column: HistoryColumn?
    public let code: String
    /// Another line the problem refers to (the first row of the same person or placement).
    public let otherLine: Int?

    public init(line: Int, column: HistoryColumn?, code: String, otherLine: Int? = nil) {
        self.line = line
        self.column = column
        self.code = code
        self.otherLine = otherLine
    }
}

extension BenefitType {
    /// The currency this benefit is paid in; nil for `none`, which pays nothing.
    public var currency: String? {
        switch self {
        case .forsorjningsstod, .aktivitetsstod: "SEK"
        case .kontanthjaelpJobReady, .kontanthjaelpActivityReady, .dagpenge: "DKK"
        case .none: nil
        }
    }
}
