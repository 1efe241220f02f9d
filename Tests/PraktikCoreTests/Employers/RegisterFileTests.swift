import PraktikCore
import Testing

@Suite("RegisterFile")
struct RegisterFileTests {
    let header =
        "employer_name,country,organisation_number,sector,industry,employees,workplace_name,address,postal_code,city,district,p_number,place_title,occupation_field,tasks,capacity,period_start,period_end,hours_per_week,language_requirement,remote_possible,regime,unit_code,status\n"

    @Test("a valid row with employer, workplace and place")
    func valid() throws {
        let text =
            header
            + "Ek Bygg AB,SE,556016-0680,privat,Bygg,40,Ek Bygg Kista,Kistagången 1,164 40,Stockholm,Rinkeby-Kista,,Snickare,Bygg,Montera,2,2026-06-01,2026-09-30,40,Svenska B1,nej,extern regi,JT-CITY,\n"
        let parsed = RegisterFile.parse(text)
        #expect(parsed.problems.isEmpty)
        let row = try #require(parsed.rows.first)
        #expect(row.line == 2)
        #expect(row.employer.identifier.storageValue == "SE:556016-0680")
        #expect(row.employer.sector == .private)
        #expect(row.employer.employees == 40)
        #expect(row.workplace?.district == "Rinkeby-Kista")
        #expect(row.place?.capacity == 2)
        #expect(row.place?.regime == .external)
        #expect(row.place?.status == .open)
        #expect(row.place?.remotePossible == false)
    }

    @Test("employer-only rows, Danish numbers, P-numbers, semicolons and stored-form numbers")
    func variants() {
        let text = """
            employer_name;country;organisation_number;address;p_number
            Nord A/S;DK;10150817;Vesterbrogade 1;1000000000
            Ek Bygg AB;;SE:556016-0680;;
            """
        let parsed = RegisterFile.parse(text)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.rows.count == 2)
        #expect(parsed.rows[0].employer.identifier.storageValue == "DK:10150817")
        #expect(parsed.rows[0].workplace?.pNumber?.storageValue == "1000000000")
        #expect(parsed.rows[0].workplace?.naturalKey == "p:1000000000")
        #expect(parsed.rows[1].workplace == nil)
        #expect(parsed.rows[1].place == nil)
    }

    @Test("every bad row is reported with its line and reason, and good rows are kept")
    func problems() {
        let text = """
            employer_name,organisation_number,address,place_title,capacity,period_start,period_end,unit_code,sector
            Good AB,556016-0680,Gatan 1,Kock,1,2026-01-01,2026-03-31,JT,
            Wrong Check AB,556016-0681,,,,,,,
            ,556016-0680,,,,,,,
            Short AB,55601606,,,,,,,
            Letters AB,55601A-0680,,,,,,,
            Place AB,556016-0680,,Kock,1,2026-01-01,2026-03-31,JT,
            Dates AB,5569999999,Gatan 2,Kock,0,2026-13-01,2025-01-01,,okänd
            """
        let parsed = RegisterFile.parse(text)
        #expect(parsed.rows.map(\.line) == [2])
        let byLine = Dictionary(grouping: parsed.problems, by: \.line).mapValues { $0.map(\.code) }
        #expect(byLine[3] == ["company-number.check-digit"])
        #expect(byLine[4] == ["form.required"])
        #expect(byLine[5] == ["company-number.length"])
        #expect(byLine[6] == ["company-number.character"])
        #expect(byLine[7] == ["import.row.place-needs-workplace"])
        #expect(parsed.invalidLineCount == 6)
        #expect(parsed.recordCount == 7)
    }

    @Test("a row's several problems are all reported")
    func severalProblems() {
        let text =
            "employer_name,organisation_number,address,place_title,capacity,period_start,period_end,unit_code,sector\nX,5560160680,Gatan 2,Kock,0,2026-13-01,2025-01-01,,okänd\n"
        let codes = RegisterFile.parse(text).problems.map { "\($0.column ?? ""):\($0.code)" }
        #expect(codes.contains("sector:import.row.choice"))
        #expect(codes.contains("capacity:place.capacity.invalid"))
        #expect(codes.contains("period_start:form.date"))
        #expect(codes.contains("unit_code:form.required"))
    }

    @Test("the end of a period may not come before its start")
    func periodOrder() {
        let text =
            "employer_name,organisation_number,address,place_title,capacity,period_start,period_end,unit_code\nX,5560160680,G 1,Kock,1,2026-05-01,2026-04-30,JT\n"
        #expect(RegisterFile.parse(text).problems.map(\.code) == ["import.row.period-order"])
    }

    @Test("the same place twice in one file is reported on its second line")
    func duplicatePlace() {
        let row = "X,5560160680,Gatan 1,Kock,1,2026-05-01,2026-06-30,JT\n"
        let text = "employer_name,organisation_number,address,place_title,capacity,period_start,period_end,unit_code\n" + row + row
        let parsed = RegisterFile.parse(text)
        #expect(parsed.rows.count == 1)
        #expect(parsed.problems == [RegisterRowProblem(line: 3, column: "place_title", code: "import.row.duplicate-place")])
    }

    @Test("a file without the required columns is refused as a whole")
    func missingColumn() {
        let parsed = RegisterFile.parse("name,number\nX,1\n")
        #expect(parsed.fileProblem == "import.file.missing-column")
        #expect(RegisterFile.parse("").fileProblem == "import.file.empty")
    }

    @Test("natural keys ignore case and spacing")
    func naturalKeys() {
        #expect(RegisterRow.normalised("  Storgatan   1 A ") == "storgatan 1 a")
    }
}
