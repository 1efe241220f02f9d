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

/// Reads one record's cells through the register's shared validation (`RegisterFields`), adding
/// what only a file has: the number in its stored or typed form, and a place without a workplace.
struct RowReader {
    let record: CSVRecord
    var fields: RegisterFields
    var problems: [RegisterRowProblem] = []

    init(record: CSVRecord, columns: [RegisterColumn: Int]) {
        self.record = record
        fields = RegisterFields { column in
            guard let index = columns[column], index < record.fields.count else { return "" }
            return record.fields[index]
        }
    }

    mutating func read() -> RegisterRow? {
        let identifier = employerIdentifier()
        let employer = fields.employerDetails(defaultSector: .private)
        let workplaceColumns = RegisterColumn.workplaceColumns.contains { !fields.text($0).isEmpty }
        let workplace = workplaceColumns ? fields.workplace() : nil
        let hasPlace = RegisterColumn.placeColumns.contains { !fields.text($0).isEmpty }
        if hasPlace && !workplaceColumns { fields.problem(.address, "import.row.place-needs-workplace") }
        let place = hasPlace ? fields.place(unitCodeRequired: true, defaultStatus: .open) : nil
        problems = fields.problems.map { RegisterRowProblem(line: record.line, column: $0.field.rawValue, code: $0.code) }
        guard problems.isEmpty, let identifier, let employer else { return nil }
        return RegisterRow(
            line: record.line,
            employer: .init(
                name: employer.name, identifier: identifier, sector: employer.sector, industry: employer.industry,
                employees: employer.employees),
            workplace: workplace, place: place)
    }

    private mutating func employerIdentifier() -> EmployerIdentifier? {
        let raw = fields.text(.organisationNumber)
        if raw.isEmpty {
            fields.problem(.organisationNumber, FieldText.requiredKey)
            return nil
        }
        do throws(CompanyNumberError) {
            // An export writes the stored form `SE:556…`; a person types the number and a country.
            if raw.contains(":") { return try EmployerIdentifier(storageValue: raw) }
            let country = fields.text(.country).uppercased()
            switch country {
            case "", "SE": return try EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: raw)
            case "DK": return try EmployerIdentifier.parse(kind: .danishCVR, raw: raw)
            default: return try EmployerIdentifier.parse(kind: .foreign(country: country), raw: raw)
            }
        } catch {
            fields.problem(.organisationNumber, error.code)
            return nil
        }
    }
}
