/// One valid row of a register import: plain values, checked, ready to be stored.
public struct RegisterRow: Sendable, Hashable {
    public struct Employer: Sendable, Hashable {
        public var name: String
        public var identifier: EmployerIdentifier
        public var sector: EmployerSector
        public var industry: String
        public var employees: Int?

        public init(name: String, identifier: EmployerIdentifier, sector: EmployerSector, industry: String, employees: Int?) {
            self.name = name
            self.identifier = identifier
            self.sector = sector
            self.industry = industry
            self.employees = employees
        }
    }

    public struct Workplace: Sendable, Hashable {
        public var name: String
        public var address: String
        public var postalCode: String
        public var city: String
        public var district: String
        public var pNumber: DanishPNumber?

        public init(name: String, address: String, postalCode: String, city: String, district: String, pNumber: DanishPNumber?) {
            self.name = name
            self.address = address
            self.postalCode = postalCode
            self.city = city
            self.district = district
            self.pNumber = pNumber
        }

        /// What identifies the workplace within its employer on a second import: the P-number
        /// when there is one, else the address, ignoring case and spacing.
        public var naturalKey: String {
            if let pNumber { return "p:" + pNumber.storageValue }
            return "a:" + RegisterRow.normalised(address) + "|" + RegisterRow.normalised(postalCode)
        }
    }

    public struct Place: Sendable, Hashable {
        public var title: String
        public var occupationField: String
        public var tasks: String
        public var capacity: Int
        public var periodStart: CivilDate
        public var periodEnd: CivilDate
        public var hoursPerWeek: Int
        public var languageRequirement: String
        public var remotePossible: Bool
        public var regime: PlaceRegime
        public var unitCode: String
        public var status: PlaceStatus

        public init(
            title: String, occupationField: String, tasks: String, capacity: Int, periodStart: CivilDate, periodEnd: CivilDate,
            hoursPerWeek: Int, languageRequirement: String, remotePossible: Bool, regime: PlaceRegime, unitCode: String,
            status: PlaceStatus
        ) {
            self.title = title
            self.occupationField = occupationField
            self.tasks = tasks
            self.capacity = capacity
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.hoursPerWeek = hoursPerWeek
            self.languageRequirement = languageRequirement
            self.remotePossible = remotePossible
            self.regime = regime
            self.unitCode = unitCode
            self.status = status
        }

        /// What identifies the place within its workplace on a second import.
        public var naturalKey: String {
            RegisterRow.normalised(title) + "|" + periodStart.description + "|" + periodEnd.description
        }
    }

    public var line: Int
    public var employer: Employer
    public var workplace: Workplace?
    public var place: Place?

    public init(line: Int, employer: Employer, workplace: Workplace?, place: Place?) {
        self.line = line
        self.employer = employer
        self.workplace = workplace
        self.place = place
    }

    /// Lower case, single spaces, no spaces at the ends: "Storgatan  1 " and "storgatan 1" match.
    public static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// A row that could not be imported: where, which column, and why (a translation key).
public struct RegisterRowProblem: Sendable, Hashable {
    public let line: Int
    public let column: String?
    public let code: String

    public init(line: Int, column: String?, code: String) {
        self.line = line
        self.column = column
        self.code = code
    }
}
