import Testing

@testable import PraktikCore

/// A history row with sensible values; tests change the cells they are about.
struct HistoryLine {
    var cells: [HistoryColumn: String]

    static let header = HistoryColumn.allCases.map(\.rawValue).joined(separator: ",")

    static func swedishNumber(year: Int, month: Int, day: Int, serial: Int) -> String {
        let body = String(format: "%02d%02d%02d%03d", year % 100, month, day, serial)
        let check = LuhnChecksum.checkDigit(for: body.compactMap(\.wholeNumberValue)) ?? 0
        return String(format: "%04d%02d%02d%03d", year, month, day, serial) + String(check)
    }

    init(person: Int = 1, start: String = "2023-01-09", end: String = "2023-05-05", employer: String = "556016-0680") {
        cells = [
            .personNumber: Self.swedishNumber(year: 1990, month: 1, day: person % 28 + 1, serial: 100 + person), .gender: "woman",
            .birthYear: "1990", .birthRegion: "outside_europe", .benefitType: "forsorjningsstod", .unit: "Jobbtorg Järva",
            .organisationNumber: employer, .employerName: "Ek Bygg AB", .regime: "external", .purpose: "work_training",
            .startDate: start, .endDate: end, .hiredByHost: "no", .outcomeAtExit: "job_seeking", .outcome3Months: "work",
            .benefitPaid: "12000.50",
        ]
    }

    subscript(column: HistoryColumn) -> String {
        get { cells[column] ?? "" }
        set { cells[column] = newValue }
    }

    var text: String { HistoryColumn.allCases.map { cells[$0] ?? "" }.joined(separator: ",") }

    static func file(_ lines: [HistoryLine]) -> String {
        ([header] + lines.map(\.text)).joined(separator: "\n") + "\n"
    }
}

@Suite("History file")
struct HistoryFileTests {
    let today: CivilDate = {
        guard let day = CivilDate(year: 2026, month: 11, day: 20) else { fatalError("a valid date") }
        return day
    }()
    let purposes: Set<String> = ["work_training", "language_practice", "jobpraktik"]

    func parse(_ lines: [HistoryLine]) -> HistoryFile.Parsed {
        HistoryFile.parse(HistoryLine.file(lines), today: today, purposes: purposes)
    }

    @Test("a valid row is read with every value")
    func validRow() throws {
        let parsed = parse([HistoryLine()])
        #expect(parsed.problems.isEmpty)
        let row = try #require(parsed.rows.first)
        #expect(row.line == 2)
        #expect(row.gender == .woman)
        #expect(row.birthYear == 1990)
        #expect(row.benefitType == .forsorjningsstod)
        #expect(row.regime == .external)
        #expect(row.purpose == "work_training")
        #expect(row.hiredByHost == false)
        #expect(row.outcomeAtExit == .jobSeeking)
        #expect(row.outcome3Months == .work)
        #expect(row.benefitPaidMinor == 1_200_050)
        #expect(row.currency == "SEK")
        #expect(row.employer.storageValue == "SE:556016-0680")
    }

    @Test("empty optional cells mean not known")
    func emptyOptionals() throws {
        var line = HistoryLine()
        for column in [HistoryColumn.regime, .purpose, .hiredByHost, .outcomeAtExit, .outcome3Months, .benefitPaid] { line[column] = "" }
        let row = try #require(parse([line]).rows.first)
        #expect(row.regime == nil && row.purpose == nil && row.hiredByHost == nil)
        #expect(row.outcomeAtExit == nil && row.outcome3Months == nil && row.benefitPaidMinor == nil)
    }

    @Test("semicolons, a byte order mark, CRLF and columns in another order are read")
    func otherLayouts() throws {
        let columns = HistoryColumn.allCases.reversed()
        let line = HistoryLine()
        let text =
            "\u{FEFF}" + columns.map(\.rawValue).joined(separator: ";") + "\r\n" + columns.map { line[$0] }.joined(separator: ";") + "\r\n"
        let parsed = HistoryFile.parse(text, today: today, purposes: purposes)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.rows.count == 1)
    }

    @Test("every problem of every row is reported at once, by line and column")
    func everyProblem() {
        var bad = HistoryLine(person: 2)
        bad[.gender] = "female"
        bad[.birthYear] = "90"
        bad[.startDate] = "2023-13-01"
        bad[.benefitPaid] = "12 000,50"
        bad[.purpose] = "unknown_purpose"
        var alsoBad = HistoryLine(person: 3)
        alsoBad[.personNumber] = "19900101-0000"
        alsoBad[.organisationNumber] = "556016-0681"
        alsoBad[.hiredByHost] = "maybe"
        let parsed = parse([HistoryLine(), bad, alsoBad])
        #expect(parsed.rows.count == 1)
        #expect(parsed.invalidLineCount == 2)
        let found = Set(parsed.problems.map { "\($0.line) \($0.column?.rawValue ?? "") \($0.code)" })
        #expect(
            found == [
                "3 gender history-import.row.code", "3 birth_year history-import.row.birth-year", "3 start_date history-import.row.date",
                "3 benefit_paid history-import.row.amount", "3 purpose history-import.row.purpose",
                "4 person_number personal-number.check-digit", "4 organisation_number company-number.check-digit",
                "4 hired_by_host history-import.row.code",
            ])
    }

    /// A file of many rows with every kind of problem across rows and parts: people repeated far
    /// apart, a duplicate and an overlap, bad cells, blank lines and line ends of all three kinds.
    func mixedFile(lineEnd: String, quoted: Bool) -> String {
        var lines: [HistoryLine] = []
        for index in 0..<400 {
            let person = index % 90
            let year = 2000 + index / 90
            var line = HistoryLine(person: person, start: "\(year)-02-01", end: "\(year)-03-01")
            if index % 37 == 36 { line[.gender] = "man" }
            if index % 53 == 52 { line[.benefitPaid] = "12,5" }
            if index % 71 == 70 { line[.employerName] = "  ek   BYGG ab " }
            if index % 97 == 96 { line[.employerName] = "Another Name AB" }
            if quoted && index % 50 == 49 { line[.unit] = "\"Jobbtorg\nJärva\"" }
            lines.append(line)
        }
        lines.append(HistoryLine(person: 5, start: "2000-02-01", end: "2000-03-01"))
        lines.append(HistoryLine(person: 6, start: "2000-02-15", end: "2000-04-01"))
        let body = lines.enumerated().map { index, line in (index % 41 == 0 ? lineEnd : "") + line.text }
        return "\u{FEFF}" + ([HistoryLine.header] + body).joined(separator: lineEnd) + lineEnd
    }

    @Test(
        "read side by side, the result is the same to the line as read in one go",
        arguments: [("\n", false), ("\r\n", false), ("\r", false), ("\n", true)])
    func parallelSameAsSequential(lineEnd: String, quoted: Bool) async {
        let text = mixedFile(lineEnd: lineEnd, quoted: quoted)
        let sequential = HistoryFile.parse(text, today: today, purposes: purposes)
        #expect(sequential.rows.count > 300, "\(Dictionary(grouping: sequential.problems, by: \.code).mapValues(\.count))")
        #expect(sequential.problems.count > 10)
        for workers in [1, 2, 3, 7] {
            let parallel = await HistoryFile.parse(text, today: today, purposes: purposes, workers: workers)
            #expect(parallel.rows == sequential.rows, "\(workers) workers")
            #expect(parallel.problems == sequential.problems, "\(workers) workers")
            #expect(parallel.recordCount == sequential.recordCount)
            #expect(parallel.fileProblem == sequential.fileProblem)
        }
        for small in ["", "\n\n", HistoryLine.header, HistoryLine.header + "\n", "person_number,gender\n1,woman\n"] {
            let one = HistoryFile.parse(small, today: today, purposes: purposes)
            let many = await HistoryFile.parse(small, today: today, purposes: purposes, workers: 4)
            #expect(
                many.rows == one.rows && many.problems == one.problems && many.fileProblem == one.fileProblem, "\(small.debugDescription)")
        }
    }

    @Test("a unit's key: case and spacing ignored, told from the bytes when the name is already collapsed")
    func unitKeys() {
        #expect(HistoryRow.unitKey("Jobbtorg Järva") == "jobbtorg järva")
        #expect(HistoryRow.unitKey("  Jobbtorg \t  JÄRVA ") == "jobbtorg järva")
        #expect(HistoryRow.unitKey("Jobbtorg\u{00A0}Järva") == "jobbtorg järva")
        #expect(HistoryRow.unitKey("Jobbtorg\u{2009}Järva") == "jobbtorg järva")
        #expect(HistoryRow.isCollapsed("Jobbtorg Järva AB"))
        for spaced in ["", " a", "a ", "a  b", "a\tb", "a\u{00A0}b", "a\u{3000}b", "a \u{0301}b"] {
            #expect(!HistoryRow.isCollapsed(spaced), "\(spaced.debugDescription)")
        }
    }

    @Test("a missing required column is a problem of the file")
    func missingColumn() {
        let parsed = HistoryFile.parse("person_number,gender\n199001011234,woman\n", today: today, purposes: purposes)
        #expect(parsed.fileProblem == "history-import.file.missing-column")
        #expect(parsed.rows.isEmpty)
        #expect(parsed.problems.contains { $0.column == .organisationNumber })
    }

    @Test("rows of one person must agree on who the person is")
    func samePerson() {
        var second = HistoryLine(start: "2024-01-08", end: "2024-03-01")
        second[.gender] = "man"
        let parsed = parse([HistoryLine(), second])
        #expect(parsed.rows.count == 1)
        #expect(parsed.problems.map(\.code) == ["history-import.row.person-differs"])
        #expect(parsed.problems.first?.otherLine == 2)
    }

    @Test("the same placement twice, and overlapping placements of one person, are refused")
    func duplicatesAndOverlaps() {
        let twice = parse([HistoryLine(), HistoryLine()])
        #expect(twice.problems.map(\.code) == ["history-import.row.duplicate-placement"])
        let overlapping = parse([HistoryLine(), HistoryLine(start: "2023-05-05", end: "2023-08-01", employer: "556036-0793")])
        #expect(overlapping.problems.map(\.code) == ["history-import.row.overlaps"])
        #expect(overlapping.problems.first?.line == 3)
        #expect(overlapping.problems.first?.otherLine == 2)
        let following = parse([HistoryLine(), HistoryLine(start: "2023-05-06", end: "2023-08-01", employer: "556036-0793")])
        #expect(following.problems.isEmpty)
    }

    @Test("dates: the end after the start, not in the future, and a 3-month outcome only once it can be known")
    func dates() {
        var backwards = HistoryLine()
        backwards[.endDate] = "2022-12-31"
        #expect(parse([backwards]).problems.map(\.code) == ["history-import.row.period-order"])
        let future = HistoryLine(start: "2026-10-01", end: "2026-12-01")
        #expect(parse([future]).problems.map(\.code).contains("history-import.row.end-in-future"))
        var recent = HistoryLine(start: "2026-06-01", end: "2026-09-01")
        #expect(parse([recent]).problems.map(\.code) == ["history-import.row.horizon-not-reached"])
        recent[.outcome3Months] = ""
        #expect(parse([recent]).problems.isEmpty)
    }

    @Test("the birth year must match the person number")
    func birthYear() {
        var line = HistoryLine()
        line[.birthYear] = "1991"
        #expect(parse([line]).problems.map(\.code) == ["history-import.row.birth-year-differs"])
    }

    @Test("a Danish employer's people have CPR numbers, paid in kroner")
    func danish() throws {
        var line = HistoryLine()
        line[.personNumber] = "010190-1234"
        line[.organisationNumber] = "13585628"
        line[.benefitType] = "dagpenge"
        line[.purpose] = "jobpraktik"
        let row = try #require(parse([line]).rows.first)
        #expect(row.person.storageValue == "DK:0101901234")
        #expect(row.employer.storageValue == "DK:13585628")
        #expect(row.currency == "DKK")
    }

    @Test("an amount for the benefit type none is a contradiction")
    func paidWithoutBenefit() {
        var line = HistoryLine()
        line[.benefitType] = "none"
        #expect(parse([line]).problems.map(\.code) == ["history-import.row.paid-without-benefit"])
        line[.benefitPaid] = "0"
        #expect(parse([line]).problems.isEmpty)
    }
}

@Suite("Money amounts")
struct MoneyAmountTests {
    @Test(
        "decimal point, at most two decimals, no sign",
        arguments: [
            ("0", Int64(0)), ("12", 1200), ("12.5", 1250), ("12.05", 1205), ("0.99", 99), ("1234567.89", 123_456_789),
        ])
    func valid(text: String, minor: Int64) {
        #expect(MoneyAmount.minorUnits(text) == minor)
    }

    @Test("anything else is refused", arguments: ["", "-5", "+5", "1,5", "1.234", ".5", "5.", "1e3", "12 000", "99999999999999"])
    func invalid(text: String) {
        #expect(MoneyAmount.minorUnits(text) == nil)
    }

    @Test("written back with two decimals")
    func text() {
        #expect(MoneyAmount.text(minorUnits: 1_200_050) == "12000.50")
        #expect(MoneyAmount.text(minorUnits: 5) == "0.05")
        #expect(MoneyAmount.text(minorUnits: -150) == "-1.50")
    }
}

@Suite("Unit codes from names")
struct UnitCodeTests {
    @Test("capitals, folded letters, hyphens, and a number when taken")
    func derived() {
        #expect(UnitCode.derived(from: "Jobbtorg Järva", avoiding: []) == "JOBBTORG-JARVA")
        #expect(UnitCode.derived(from: "  Skärholmens  stadsdelsförvaltning ", avoiding: []) == "SKARHOLMENS-STADSDELSFORVALTNING")
        #expect(UnitCode.derived(from: "Jobcenter København", avoiding: ["JOBCENTER-KOBENHAVN"]) == "JOBCENTER-KOBENHAVN-2")
        #expect(UnitCode.derived(from: "???", avoiding: []) == "UNIT")
        #expect(UnitCode.derived(from: String(repeating: "A", count: 80), avoiding: []).count <= UnitCode.maximumLength)
    }
}
