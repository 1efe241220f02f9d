/// A problem with one field of an employer, workplace or place: which field, and why (a message key).
public struct FieldProblem: Sendable, Hashable {
    public let field: RegisterColumn
    public let code: String

    public init(_ field: RegisterColumn, _ code: String) {
        self.field = field
        self.code = code
    }
}

/// The one validation of employers, workplaces and places, shared by the register's forms and its
/// import: the same limits, ranges and messages whether a case worker types a place or a
/// spreadsheet row carries it. It reads each field as text through `value` (a form's input or a
/// CSV record's cell, by `RegisterColumn`) and collects every problem with its field, so a form
/// or an import preview shows all of them at once.
public struct RegisterFields {
    private let value: (RegisterColumn) -> String
    public private(set) var problems: [FieldProblem] = []

    public init(_ value: @escaping (RegisterColumn) -> String) {
        self.value = value
    }

    /// The field's text without surrounding whitespace ("" when absent).
    public func text(_ column: RegisterColumn) -> String {
        String(value(column).trimmingSurroundingWhitespace())
    }

    public mutating func problem(_ column: RegisterColumn, _ code: String) {
        problems.append(FieldProblem(column, code))
    }

    // MARK: The three records

    /// An employer's name, sector, industry and size; its number is parsed by the caller (a form
    /// asks for the register, a file may write the stored form). A missing sector is
    /// `defaultSector`, or a problem when there is none.
    public mutating func employerDetails(defaultSector: EmployerSector?) -> (
        name: String, sector: EmployerSector, industry: String, employees: Int?
    )? {
        let before = problems.count
        let name = text(.employerName, .name, required: true)
        let sector = choice(.sector, RegisterWords.sectors, default: defaultSector)
        let industry = text(.industry, .name)
        let employees = integer(.employees, in: 0...10_000_000, required: false, invalid: "form.number")
        guard problems.count == before, let sector else { return nil }
        return (name, sector, industry, employees)
    }

    public mutating func workplace() -> RegisterRow.Workplace? {
        let before = problems.count
        let name = text(.workplaceName, .name)
        let address = text(.address, .address, required: true)
        let postalCode = text(.postalCode, .postalCode)
        let city = text(.city, .name)
        let district = text(.district, .name)
        var pNumber: DanishPNumber?
        let rawP = text(.pNumber)
        if !rawP.isEmpty {
            do throws(CompanyNumberError) {
                pNumber = try DanishPNumber(parsing: rawP)
            } catch {
                problem(.pNumber, error.code)
            }
        }
        guard problems.count == before else { return nil }
        return .init(name: name, address: address, postalCode: postalCode, city: city, district: district, pNumber: pNumber)
    }

    /// A place's terms. `unitCodeRequired` for a file, which names the unit by its code (a form
    /// picks the unit from a list); a missing status is `defaultStatus`.
    public mutating func place(unitCodeRequired: Bool, defaultStatus: PlaceStatus) -> RegisterRow.Place? {
        let before = problems.count
        let title = text(.placeTitle, .name, required: true)
        let field = text(.occupationField, .name)
        let tasks = text(.tasks, .text)
        let capacity = integer(.capacity, in: 1...PlaceRules.maximumCapacity, required: true, invalid: "place.capacity.invalid")
        let start = date(.periodStart)
        let end = date(.periodEnd)
        if let start, let end, end < start { problem(.periodEnd, "import.row.period-order") }
        let hours =
            integer(.hoursPerWeek, in: 1...PlaceRules.maximumHoursPerWeek, required: false, invalid: "place.hours.invalid")
            ?? PlaceRules.defaultHoursPerWeek
        let language = text(.languageRequirement, .name)
        let remote = choice(.remotePossible, RegisterWords.booleans, default: false)
        let regime = choice(.regime, RegisterWords.regimes, default: PlaceRegime.external)
        let unitCode = text(.unitCode, .code, required: unitCodeRequired)
        let status = choice(.status, RegisterWords.statuses, default: defaultStatus)
        guard problems.count == before, let capacity, let start, let end, let remote, let regime, let status else { return nil }
        return .init(
            title: title, occupationField: field, tasks: tasks, capacity: capacity, periodStart: start, periodEnd: end,
            hoursPerWeek: hours, languageRequirement: language, remotePossible: remote, regime: regime, unitCode: unitCode,
            status: status)
    }

    // MARK: Fields

    /// A text field within its limit; a required one must not be empty.
    public mutating func text(_ column: RegisterColumn, _ limit: FieldLimit, required: Bool = false) -> String {
        let checked = FieldText.check(value(column), limit, required: required)
        if let code = checked.problem { problem(column, code) }
        return checked.text
    }

    public mutating func integer(_ column: RegisterColumn, in range: ClosedRange<Int>, required: Bool, invalid: String) -> Int? {
        let value = text(column).filter { $0 != " " && $0 != "\u{00A0}" }
        if value.isEmpty {
            if required { problem(column, FieldText.requiredKey) }
            return nil
        }
        guard value.count <= 12, let number = Int(value), range.contains(number) else {
            problem(column, invalid)
            return nil
        }
        return number
    }

    public mutating func date(_ column: RegisterColumn) -> CivilDate? {
        let value = text(column)
        if value.isEmpty {
            problem(column, FieldText.requiredKey)
            return nil
        }
        guard value.count <= 10, let date = CivilDate(iso8601: value) else {
            problem(column, "form.date")
            return nil
        }
        return date
    }

    /// One of `words` (the stored values and the words people write); empty is `defaultValue`, or
    /// a problem without one.
    public mutating func choice<Value>(_ column: RegisterColumn, _ words: [String: Value], default defaultValue: Value?) -> Value? {
        let value = RegisterRow.normalised(text(column))
        if value.isEmpty {
            if defaultValue == nil { problem(column, FieldText.requiredKey) }
            return defaultValue
        }
        guard let chosen = words[value] else {
            problem(column, "import.row.choice")
            return nil
        }
        return chosen
    }
}

/// The words a form or an import accepts for each choice: the stored value, and the Swedish,
/// Danish and English words people write in spreadsheets.
public enum RegisterWords {
    public static let sectors: [String: EmployerSector] = [
        "public": .public, "offentlig": .public, "offentlig sektor": .public, "kommun": .public, "region": .public,
        "stat": .public, "offentlig virksomhed": .public,
        "private": .private, "privat": .private, "privat sektor": .private, "privat virksomhed": .private,
        "non_profit": .nonProfit, "non-profit": .nonProfit, "non profit": .nonProfit, "ideell": .nonProfit,
        "ideell sektor": .nonProfit, "idéburen": .nonProfit, "frivillig": .nonProfit,
    ]
    public static let regimes: [String: PlaceRegime] = [
        "in_house": .inHouse, "in-house": .inHouse, "in house": .inHouse, "egen regi": .inHouse,
        "external": .external, "extern regi": .external, "extern": .external,
        "procured": .procured, "upphandlad": .procured, "upphandlad regi": .procured,
    ]
    public static let statuses: [String: PlaceStatus] = Dictionary(
        uniqueKeysWithValues: PlaceStatus.allCases.map { ($0.rawValue, $0) }
            + [("utkast", .draft), ("föreslagen", .proposed), ("öppen", .open), ("tillsatt", .filled), ("stängd", .closed)])
    public static let booleans: [String: Bool] = [
        "yes": true, "ja": true, "true": true, "1": true, "x": true, "on": true,
        "no": false, "nej": false, "false": false, "0": false,
    ]
}
