/// Reads a register CSV file (see `RegisterColumn`) into valid rows and problems, each problem with
/// its line number, so that an import can show a preview before anything is stored.
public enum RegisterFile {
    public struct Parsed: Sendable {
        public var rows: [RegisterRow] = []
        public var problems: [RegisterRowProblem] = []
        /// Records read, header excluded.
        public var recordCount = 0
        /// Set when the file as a whole cannot be read (no header, a required column missing).
        public var fileProblem: String?

        /// Lines with at least one problem.
        public var invalidLineCount: Int { Set(problems.map(\.line)).count }
    }

    public static let maximumNameLength = 200
    public static let maximumTextLength = 4000

    public static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        let records = CSVReader.records(in: text)
        guard let header = records.first else {
            parsed.fileProblem = "import.file.empty"
            return parsed
        }
        var columns: [RegisterColumn: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            if let column = RegisterColumn(rawValue: RegisterRow.normalised(name).replacingSpaces()) {
                columns[column] = columns[column] ?? index
            }
        }
        if let missing = RegisterColumn.required.first(where: { columns[$0] == nil }) {
            parsed.fileProblem = "import.file.missing-column"
            parsed.problems.append(RegisterRowProblem(line: header.line, column: missing.rawValue, code: "import.file.missing-column"))
            return parsed
        }

        var employerNames: [EmployerIdentifier: (name: String, line: Int)] = [:]
        var placeLines: [String: Int] = [:]
        for record in records.dropFirst() {
            parsed.recordCount += 1
            if let problem = record.problem {
                parsed.problems.append(RegisterRowProblem(line: record.line, column: nil, code: problem.code))
                continue
            }
            var reader = RowReader(record: record, columns: columns)
            guard let row = reader.read() else {
                parsed.problems += reader.problems
                continue
            }
            // The same employer on several rows must be the same employer: a different name for one
            // number is a typo in one of the two, and we cannot tell which.
            if let first = employerNames[row.employer.identifier] {
                if RegisterRow.normalised(first.name) != RegisterRow.normalised(row.employer.name) {
                    parsed.problems.append(
                        RegisterRowProblem(
                            line: record.line, column: RegisterColumn.employerName.rawValue, code: "import.row.employer-name-differs"))
                    continue
                }
            } else {
                employerNames[row.employer.identifier] = (row.employer.name, record.line)
            }
            if let workplace = row.workplace, let place = row.place {
                let key = row.employer.identifier.storageValue + "|" + workplace.naturalKey + "|" + place.naturalKey
                if placeLines[key] != nil {
                    parsed.problems.append(
                        RegisterRowProblem(
                            line: record.line, column: RegisterColumn.placeTitle.rawValue, code: "import.row.duplicate-place"))
                    continue
                }
                placeLines[key] = record.line
            }
            parsed.rows.append(row)
        }
        return parsed
    }
}

extension String {
    fileprivate func replacingSpaces() -> String {
        String(map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}

/// Reads one record's cells, collecting every problem of the row rather than stopping at the first.
struct RowReader {
    let record: CSVRecord
    let columns: [RegisterColumn: Int]
    var problems: [RegisterRowProblem] = []

    init(record: CSVRecord, columns: [RegisterColumn: Int]) {
        self.record = record
        self.columns = columns
    }

    func text(_ column: RegisterColumn) -> String {
        guard let index = columns[column], index < record.fields.count else { return "" }
        return String(record.fields[index].trimmingSurroundingWhitespace())
    }

    mutating func problem(_ column: RegisterColumn, _ code: String) {
        problems.append(RegisterRowProblem(line: record.line, column: column.rawValue, code: code))
    }

    mutating func required(_ column: RegisterColumn, maximum: Int = RegisterFile.maximumNameLength) -> String {
        let value = text(column)
        if value.isEmpty {
            problem(column, "import.row.required")
        } else if value.count > maximum {
            problem(column, "import.row.too-long")
        }
        return value
    }

    mutating func optional(_ column: RegisterColumn, maximum: Int = RegisterFile.maximumNameLength) -> String {
        let value = text(column)
        if value.count > maximum { problem(column, "import.row.too-long") }
        return value
    }

    mutating func integer(_ column: RegisterColumn, in range: ClosedRange<Int>, required: Bool) -> Int? {
        let value = text(column).filter { $0 != " " && $0 != "\u{00A0}" }
        if value.isEmpty {
            if required { problem(column, "import.row.required") }
            return nil
        }
        guard let number = Int(value), range.contains(number) else {
            problem(column, "import.row.number")
            return nil
        }
        return number
    }

    mutating func date(_ column: RegisterColumn) -> CivilDate? {
        let value = text(column)
        if value.isEmpty {
            problem(column, "import.row.required")
            return nil
        }
        guard let date = CivilDate(iso8601: value) else {
            problem(column, "import.row.date")
            return nil
        }
        return date
    }

    mutating func choice<Value>(_ column: RegisterColumn, _ words: [String: Value], default defaultValue: Value?) -> Value? {
        let value = RegisterRow.normalised(text(column))
        if value.isEmpty {
            if defaultValue == nil { problem(column, "import.row.required") }
            return defaultValue
        }
        guard let chosen = words[value] else {
            problem(column, "import.row.choice")
            return nil
        }
        return chosen
    }

    mutating func read() -> RegisterRow? {
        let name = required(.employerName)
        let identifier = employerIdentifier()
        let sector = choice(.sector, RegisterWords.sectors, default: EmployerSector.private)
        let industry = optional(.industry)
        let employees = integer(.employees, in: 0...10_000_000, required: false)
        let workplace = RegisterColumn.workplaceColumns.contains { !text($0).isEmpty } ? readWorkplace() : nil
        let hasPlace = RegisterColumn.placeColumns.contains { !text($0).isEmpty }
        if hasPlace && workplace == nil && problems.isEmpty { problem(.address, "import.row.place-needs-workplace") }
        let place = hasPlace ? readPlace() : nil
        guard problems.isEmpty, let identifier, let sector else { return nil }
        return RegisterRow(
            line: record.line,
            employer: .init(name: name, identifier: identifier, sector: sector, industry: industry, employees: employees),
            workplace: workplace, place: place)
    }

    private mutating func employerIdentifier() -> EmployerIdentifier? {
        let raw = text(.organisationNumber)
        if raw.isEmpty {
            problem(.organisationNumber, "import.row.required")
            return nil
        }
        do throws(CompanyNumberError) {
            // An export writes the stored form `SE:556…`; a person types the number and a country.
            if raw.contains(":") { return try EmployerIdentifier(storageValue: raw) }
            let country = text(.country).uppercased()
            switch country {
            case "", "SE": return try EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: raw)
            case "DK": return try EmployerIdentifier.parse(kind: .danishCVR, raw: raw)
            default: return try EmployerIdentifier.parse(kind: .foreign(country: country), raw: raw)
            }
        } catch {
            problem(.organisationNumber, error.code)
            return nil
        }
    }

    private mutating func readWorkplace() -> RegisterRow.Workplace? {
        let before = problems.count
        let name = optional(.workplaceName)
        let address = required(.address)
        let postalCode = optional(.postalCode, maximum: 20)
        let city = optional(.city)
        let district = optional(.district)
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

    private mutating func readPlace() -> RegisterRow.Place? {
        let before = problems.count
        let title = required(.placeTitle)
        let field = optional(.occupationField)
        let tasks = optional(.tasks, maximum: RegisterFile.maximumTextLength)
        let capacity = integer(.capacity, in: 1...PlaceRules.maximumCapacity, required: true)
        let start = date(.periodStart)
        let end = date(.periodEnd)
        if let start, let end, end < start { problem(.periodEnd, "import.row.period-order") }
        let hours = integer(.hoursPerWeek, in: 1...PlaceRules.maximumHoursPerWeek, required: false) ?? PlaceRules.defaultHoursPerWeek
        let language = optional(.languageRequirement)
        let remote = choice(.remotePossible, RegisterWords.booleans, default: false)
        let regime = choice(.regime, RegisterWords.regimes, default: PlaceRegime.external)
        let unitCode = required(.unitCode, maximum: 40)
        let status = choice(.status, RegisterWords.statuses, default: PlaceStatus.open)
        guard problems.count == before, let capacity, let start, let end, let remote, let regime, let status else { return nil }
        return .init(
            title: title, occupationField: field, tasks: tasks, capacity: capacity, periodStart: start, periodEnd: end,
            hoursPerWeek: hours, languageRequirement: language, remotePossible: remote, regime: regime, unitCode: unitCode,
            status: status)
    }
}

/// The words an import accepts for each choice: the stored value, and the Swedish, Danish and
/// English words people write in spreadsheets.
enum RegisterWords {
    static let sectors: [String: EmployerSector] = [
        "public": .public, "offentlig": .public, "offentlig sektor": .public, "kommun": .public, "region": .public,
        "stat": .public, "offentlig virksomhed": .public,
        "private": .private, "privat": .private, "privat sektor": .private, "privat virksomhed": .private,
        "non_profit": .nonProfit, "non-profit": .nonProfit, "non profit": .nonProfit, "ideell": .nonProfit,
        "ideell sektor": .nonProfit, "idéburen": .nonProfit, "frivillig": .nonProfit,
    ]
    static let regimes: [String: PlaceRegime] = [
        "in_house": .inHouse, "in-house": .inHouse, "in house": .inHouse, "egen regi": .inHouse,
        "external": .external, "extern regi": .external, "extern": .external,
        "procured": .procured, "upphandlad": .procured, "upphandlad regi": .procured,
    ]
    static let statuses: [String: PlaceStatus] = Dictionary(
        uniqueKeysWithValues: PlaceStatus.allCases.map { ($0.rawValue, $0) }
            + [("utkast", .draft), ("föreslagen", .proposed), ("öppen", .open), ("tillsatt", .filled), ("stängd", .closed)])
    static let booleans: [String: Bool] = [
        "yes": true, "ja": true, "true": true, "1": true, "x": true,
        "no": false, "nej": false, "false": false, "0": false,
    ]
}
