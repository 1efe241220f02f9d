/// Reads a history file (see `HistoryColumn`) into valid rows and problems, every problem with its
/// line, so that an import can show them all at once before anything is stored.
///
/// Rows with the same person number are one person: gender, birth year and birth region must agree
/// with the person's first row. The same placement (person, employer, first day) twice in one file
/// is a problem too; a placement already stored is recognised by the importer, not here.
public enum HistoryFile {
    public struct Parsed: Sendable {
        public var rows: [HistoryRow] = []
        public var problems: [HistoryRowProblem] = []
        /// Records read, header excluded.
        public var recordCount = 0
        /// Set when the file as a whole cannot be read (empty, a required column missing).
        public var fileProblem: String?

        /// Lines with at least one problem.
        public var invalidLineCount: Int { Set(problems.map(\.line)).count }
        public var hasProblems: Bool { fileProblem != nil || !problems.isEmpty }
    }

    /// The words of the yes/no column.
    static let yesNo: [String: Bool] = ["yes": true, "no": false]

    /// - Parameters:
    ///   - today: no placement may end after it, and no 3-month outcome be known before its time.
    ///   - purposes: the purpose codes the installation knows (`programme_purposes.code`).
    public static func parse(_ text: String, today: CivilDate, purposes: Set<String>) -> Parsed {
        let records = CSVReader.records(in: text)
        let columns: CSVHeader<HistoryColumn>
        switch header(records.first) {
        case .success(let header): columns = header
        case .failure(let refusal): return refusal.parsed
        }
        let readings = records.dropFirst().map { reading(of: $0, columns: columns, today: today, purposes: purposes) }
        return assemble(readings)
    }

    /// The same as `parse(_:today:purposes:)`, with the rows read by `workers` tasks side by side:
    /// a history file of 1,000,000 placements took 13 s to read on one core. The rows' own checks
    /// run in parallel, the checks across rows (one person, one employer name, duplicates,
    /// overlaps) after, in file order, so the result is the same to the line.
    public static func parse(_ text: String, today: CivilDate, purposes: Set<String>, workers: Int) async -> Parsed {
        let source = CSVBytes(text)
        let headerEnd = CSVReader.endOfFirstLine(in: source)
        guard workers > 1, let parts = CSVReader.lineParts(of: source, from: headerEnd, count: workers) else {
            // Text with quotes is read from the start; its rows are still checked side by side.
            let records = CSVReader.records(in: source, range: source.start..<source.bytes.count, firstLine: 1)
            let columns: CSVHeader<HistoryColumn>
            switch header(records.first) {
            case .success(let header): columns = header
            case .failure(let refusal): return refusal.parsed
            }
            let rest = Array(records.dropFirst())
            let size = max(1, rest.count / max(1, workers))
            let pieces = stride(from: 0, to: rest.count, by: size).map { rest[$0..<min($0 + size, rest.count)] }
            let readings = await inParallel(pieces.count) { index in
                pieces[index].map { reading(of: $0, columns: columns, today: today, purposes: purposes) }
            }
            return assemble(readings.joined())
        }
        let headerRecords = CSVReader.records(in: source, range: source.start..<headerEnd, firstLine: 1)
        let columns: CSVHeader<HistoryColumn>
        switch header(headerRecords.first) {
        case .success(let header): columns = header
        case .failure(let refusal): return refusal.parsed
        }
        let breaks = await inParallel(parts.count) { index in [CSVReader.lineBreaks(in: source, range: parts[index])] }
        var firstLines: [Int] = []
        var line = 1 + CSVReader.lineBreaks(in: source, range: source.start..<headerEnd)
        for (index, _) in parts.enumerated() {
            firstLines.append(line)
            line += breaks[index].first ?? 0
        }
        let lineNumbers = firstLines
        let readings = await inParallel(parts.count) { index in
            CSVReader.records(in: source, range: parts[index], firstLine: lineNumbers[index]).map {
                reading(of: $0, columns: columns, today: today, purposes: purposes)
            }
        }
        return assemble(readings.joined())
    }

    /// `work(0)` to `work(count - 1)` as child tasks, their results in that order.
    private static func inParallel<Element: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> [Element]) async -> [[Element]] {
        await withTaskGroup(of: (Int, [Element]).self) { group in
            for index in 0..<count { group.addTask { (index, work(index)) } }
            var results = [[Element]](repeating: [], count: count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    /// A file that cannot be read as a whole, as the parse result that says why.
    struct Refusal: Error {
        let parsed: Parsed
    }

    /// The header's columns, or the refusal of a file that is empty or lacks a required column.
    static func header(_ record: CSVRecord?) -> Result<CSVHeader<HistoryColumn>, Refusal> {
        var parsed = Parsed()
        guard let record else {
            parsed.fileProblem = "history-import.file.empty"
            return .failure(Refusal(parsed: parsed))
        }
        let columns = CSVHeader<HistoryColumn>(record, required: HistoryColumn.required)
        guard columns.missing.isEmpty else {
            parsed.fileProblem = "history-import.file.missing-column"
            parsed.problems = columns.missing.map {
                HistoryRowProblem(line: columns.line, column: $0, code: "history-import.file.missing-column")
            }
            return .failure(Refusal(parsed: parsed))
        }
        return .success(columns)
    }

    /// One record read on its own: a row, or the problems that keep it out.
    enum Reading: Sendable {
        case row(HistoryRow)
        case problems([HistoryRowProblem])
    }

    static func reading(of record: CSVRecord, columns: CSVHeader<HistoryColumn>, today: CivilDate, purposes: Set<String>) -> Reading {
        if let problem = record.problem {
            return .problems([HistoryRowProblem(line: record.line, column: nil, code: problem.code)])
        }
        var reader = HistoryRowReader(record: record, columns: columns, today: today, purposes: purposes)
        guard let row = reader.read() else { return .problems(reader.problems) }
        return .row(row)
    }

    /// The readings in file order, with the checks across rows.
    static func assemble(_ readings: some Collection<Reading>) -> Parsed {
        var parsed = Parsed()
        var people: [String: Person] = [:]
        var employerNames: [String: (name: String, line: Int)] = [:]
        var placementLines: [PlacementKey: Int] = [:]
        parsed.rows.reserveCapacity(readings.count)
        for reading in readings {
            parsed.recordCount += 1
            let row: HistoryRow
            switch reading {
            case .problems(let problems):
                parsed.problems += problems
                continue
            case .row(let read):
                row = read
            }
            var problems: [HistoryRowProblem] = []
            let personKey = row.person.storageValue ?? ""
            if let first = people[personKey] {
                if first.gender != row.gender {
                    problems.append(
                        .init(line: row.line, column: .gender, code: "history-import.row.person-differs", otherLine: first.line))
                }
                if first.birthYear != row.birthYear {
                    problems.append(
                        .init(line: row.line, column: .birthYear, code: "history-import.row.person-differs", otherLine: first.line))
                }
                if first.birthRegion != row.birthRegion {
                    problems.append(
                        .init(line: row.line, column: .birthRegion, code: "history-import.row.person-differs", otherLine: first.line))
                }
            }
            let employerKey = row.employer.storageValue
            if let first = employerNames[employerKey], first.name != row.employerName,
                HistoryRow.unitKey(first.name) != HistoryRow.unitKey(row.employerName)
            {
                problems.append(
                    .init(line: row.line, column: .employerName, code: "history-import.row.employer-name-differs", otherLine: first.line))
            }
            if let first = placementLines[row.placementKey] {
                problems.append(
                    .init(line: row.line, column: .startDate, code: "history-import.row.duplicate-placement", otherLine: first))
            }
            guard problems.isEmpty else {
                parsed.problems += problems
                continue
            }
            if people[personKey] == nil {
                people[personKey] = Person(line: row.line, gender: row.gender, birthYear: row.birthYear, birthRegion: row.birthRegion)
            }
            if employerNames[employerKey] == nil { employerNames[employerKey] = (row.employerName, row.line) }
            placementLines[row.placementKey] = row.line
            parsed.rows.append(row)
        }
        refuseOverlaps(in: &parsed)
        return parsed
    }

    /// A person as their first row describes them, which their other rows must repeat.
    private struct Person {
        let line: Int
        let gender: Gender
        let birthYear: Int
        let birthRegion: BirthRegion
    }

    /// A person is in one placement at a time (the decision rules refuse an overlapping one), so two
    /// rows of one person whose periods overlap cannot both be right; the later row is refused.
    static func refuseOverlaps(in parsed: inout Parsed) {
        var byPerson: [String: [Int]] = [:]
        for (index, row) in parsed.rows.enumerated() { byPerson[row.person.storageValue ?? "", default: []].append(index) }
        var refused = Set<Int>()
        for indices in byPerson.values where indices.count > 1 {
            let ordered = indices.sorted { (parsed.rows[$0].start, parsed.rows[$0].line) < (parsed.rows[$1].start, parsed.rows[$1].line) }
            var latest = ordered[0]
            for index in ordered.dropFirst() {
                if parsed.rows[index].start <= parsed.rows[latest].end {
                    let (earlier, later) = parsed.rows[index].line < parsed.rows[latest].line ? (index, latest) : (latest, index)
                    parsed.problems.append(
                        HistoryRowProblem(
                            line: parsed.rows[later].line, column: .startDate, code: "history-import.row.overlaps",
                            otherLine: parsed.rows[earlier].line))
                    refused.insert(later)
                    if later == latest { latest = index }
                } else {
                    latest = index
                }
            }
        }
        guard !refused.isEmpty else { return }
        parsed.rows = parsed.rows.enumerated().filter { !refused.contains($0.offset) }.map(\.element)
        parsed.problems.sort { ($0.line, $0.column?.rawValue ?? "") < ($1.line, $1.column?.rawValue ?? "") }
    }
}

/// Reads one record's cells, collecting every problem of the row.
struct HistoryRowReader {
    let record: CSVRecord
    let columns: CSVHeader<HistoryColumn>
    let today: CivilDate
    let purposes: Set<String>
    var problems: [HistoryRowProblem] = []

    init(record: CSVRecord, columns: CSVHeader<HistoryColumn>, today: CivilDate, purposes: Set<String>) {
        self.record = record
        self.columns = columns
        self.today = today
        self.purposes = purposes
    }

    func text(_ column: HistoryColumn) -> String {
        columns.text(column, in: record)
    }

    mutating func problem(_ column: HistoryColumn, _ code: String) {
        problems.append(HistoryRowProblem(line: record.line, column: column, code: code))
    }

    mutating func read() -> HistoryRow? {
        let employer = employerNumber()
        let person = personNumber(employerIsDanish: employer.map { if case .danishCVR = $0 { true } else { false } } ?? false)
        let gender: Gender? = choice(.gender, required: true)
        let birthYear = year()
        let birthRegion: BirthRegion? = choice(.birthRegion, required: true)
        let benefitType: BenefitType? = choice(.benefitType, required: true)
        let unitName = name(.unit)
        let employerName = name(.employerName)
        let regime: PlaceRegime? = choice(.regime, required: false)
        let purpose = purposeCode()
        let start = date(.startDate)
        let end = date(.endDate)
        if let start, let end {
            if end < start { problem(.endDate, "history-import.row.period-order") }
            if end > today { problem(.endDate, "history-import.row.end-in-future") }
        }
        let hired = yesNo(.hiredByHost)
        let atExit: OutcomeStatus? = choice(.outcomeAtExit, required: false)
        let threeMonths: OutcomeStatus? = choice(.outcome3Months, required: false)
        if threeMonths != nil, let end, OutcomeHorizon.threeMonths.firstDay(afterExit: end) > today {
            problem(.outcome3Months, "history-import.row.horizon-not-reached")
        }
        let paid = amount()
        if let paid, paid > 0, benefitType == BenefitType.none { problem(.benefitPaid, "history-import.row.paid-without-benefit") }
        if let birthYear, let born = person?.birthDate, born.year != birthYear {
            problem(.birthYear, "history-import.row.birth-year-differs")
        }

        guard problems.isEmpty, let person, let gender, let birthYear, let birthRegion, let benefitType, let employer, let start,
            let end
        else { return nil }
        return HistoryRow(
            line: record.line, person: person, gender: gender, birthYear: birthYear, birthRegion: birthRegion, benefitType: benefitType,
            unitName: unitName, employer: employer, employerName: employerName, regime: regime, purpose: purpose, start: start, end: end,
            hiredByHost: hired, outcomeAtExit: atExit, outcome3Months: threeMonths, benefitPaidMinor: paid)
    }

    // MARK: Cells

    /// The stored form (`SE:…`, `DK:…`) as an export writes it; otherwise a CPR number when the
    /// employer is Danish (a CVR number) and a Swedish personnummer or samordningsnummer when not,
    /// since both countries write ten digits.
    private mutating func personNumber(employerIsDanish: Bool) -> PersonIdentifier? {
        let raw = text(.personNumber)
        guard !raw.isEmpty else {
            problem(.personNumber, "history-import.row.required")
            return nil
        }
        do throws(PersonalNumberError) {
            if raw.utf8.contains(UInt8(ascii: ":")) {
                let identifier = try PersonIdentifier(storageValue: raw)
                guard identifier.storageValue == raw else { throw .notCanonical }
                return identifier
            }
            if employerIsDanish { return .danishCPR(try DanishCPRNumber(parsing: raw, referenceDate: today)) }
            return .swedish(try SwedishPersonalNumber(parsing: raw, referenceDate: today))
        } catch {
            problem(.personNumber, error.code)
            return nil
        }
    }

    /// The stored form, a CVR number (8 digits) or a Swedish organisation number (10 or 12 digits).
    private mutating func employerNumber() -> EmployerIdentifier? {
        let raw = text(.organisationNumber)
        guard !raw.isEmpty else {
            problem(.organisationNumber, "history-import.row.required")
            return nil
        }
        do throws(CompanyNumberError) {
            if raw.utf8.contains(UInt8(ascii: ":")) { return try EmployerIdentifier(storageValue: raw) }
            let digits = raw.utf8.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            if digits == 8 { return try EmployerIdentifier.parse(kind: .danishCVR, raw: raw) }
            return try EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: raw)
        } catch {
            problem(.organisationNumber, error.code)
            return nil
        }
    }

    private mutating func choice<Value: RawRepresentable<String>>(_ column: HistoryColumn, required: Bool) -> Value? {
        let raw = text(column)
        if raw.isEmpty {
            if required { problem(column, "history-import.row.required") }
            return nil
        }
        guard let value = Value(rawValue: raw) else {
            problem(column, "history-import.row.code")
            return nil
        }
        return value
    }

    private mutating func yesNo(_ column: HistoryColumn) -> Bool? {
        let raw = text(column)
        guard !raw.isEmpty else { return nil }
        guard let value = HistoryFile.yesNo[raw] else {
            problem(column, "history-import.row.code")
            return nil
        }
        return value
    }

    private mutating func name(_ column: HistoryColumn) -> String {
        let (value, problemKey) = FieldText.check(text(column), .name, required: true)
        if let problemKey { problem(column, problemKey == FieldText.requiredKey ? "history-import.row.required" : problemKey) }
        return value
    }

    private mutating func year() -> Int? {
        let raw = text(.birthYear)
        guard !raw.isEmpty else {
            problem(.birthYear, "history-import.row.required")
            return nil
        }
        guard raw.utf8.count == 4, let value = Int(raw), (1900...today.year).contains(value) else {
            problem(.birthYear, "history-import.row.birth-year")
            return nil
        }
        return value
    }

    private mutating func date(_ column: HistoryColumn) -> CivilDate? {
        let raw = text(column)
        guard !raw.isEmpty else {
            problem(column, "history-import.row.required")
            return nil
        }
        guard let date = CivilDate(iso8601: raw) else {
            problem(column, "history-import.row.date")
            return nil
        }
        return date
    }

    private mutating func purposeCode() -> String? {
        let raw = text(.purpose)
        guard !raw.isEmpty else { return nil }
        guard purposes.contains(raw) else {
            problem(.purpose, "history-import.row.purpose")
            return nil
        }
        return raw
    }

    private mutating func amount() -> Int64? {
        let raw = text(.benefitPaid)
        guard !raw.isEmpty else { return nil }
        guard let minor = MoneyAmount.minorUnits(raw) else {
            problem(.benefitPaid, "history-import.row.amount")
            return nil
        }
        return minor
    }
}
