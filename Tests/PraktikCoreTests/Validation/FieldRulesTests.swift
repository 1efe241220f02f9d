import Testing

@testable import PraktikCore

@Suite("Field limits, the register's shared validation, age-based target groups, outcome horizons")
struct FieldRulesTests {
    @Test("text is trimmed and checked against its limit; the message names the limit")
    func limits() {
        #expect(FieldText.check("  Åsa  ", .personName).text == "Åsa")
        #expect(FieldText.check("", .personName, required: true).problem == "form.required")
        #expect(FieldText.check(String(repeating: "a", count: 100), .personName).problem == nil)
        #expect(FieldText.check(String(repeating: "a", count: 101), .personName).problem == "field.too-long.100")
        #expect(FieldText.check(String(repeating: "é", count: 100_000), .text).problem == "field.too-long.4000")
        #expect(FieldLimit.allCases.allSatisfy { $0.maximumLength > 0 })
    }

    @Test("trimming drops every kind of surrounding whitespace, and keeps text that has none as it is")
    func trimming() {
        let cases: [(String, String)] = [
            ("ab", "ab"), ("  Åsa  ", "Åsa"), ("\u{00A0}x\u{00A0}", "x"), ("x\n", "x"), ("\r\nx y\t", "x y"), ("Ö", "Ö"),
            ("a\u{0301}", "a\u{0301}"), ("\u{3000}", ""), ("", ""), ("x\u{2003}", "x"),
        ]
        for (raw, trimmed) in cases {
            #expect(String(raw.trimmingSurroundingWhitespace()) == trimmed, "\(raw.debugDescription)")
            #expect(String(raw[...].trimmingSurroundingWhitespace()) == trimmed, "\(raw.debugDescription) as a substring")
        }
    }

    /// The same place, typed into a form or written in a file, gets the same problems.
    @Test("a form and a file share one validation of employers, workplaces and places")
    func sharedValidation() {
        let values: [RegisterColumn: String] = [
            .employerName: String(repeating: "E", count: 201), .sector: "privat", .industry: "", .employees: "-3",
            .address: "", .postalCode: String(repeating: "1", count: 21),
            .placeTitle: "Kock", .capacity: "0", .periodStart: "2026-06-01", .periodEnd: "2026-05-01", .hoursPerWeek: "41",
            .tasks: String(repeating: "t", count: 4001),
        ]
        var form = RegisterFields { values[$0] ?? "" }
        _ = form.employerDetails(defaultSector: nil)
        _ = form.workplace()
        _ = form.place(unitCodeRequired: false, defaultStatus: .draft)
        let problems = Set(form.problems.map { "\($0.field.rawValue):\($0.code)" })
        #expect(
            problems == [
                "employer_name:field.too-long.200", "employees:form.number", "address:form.required",
                "postal_code:field.too-long.20", "capacity:place.capacity.invalid", "period_end:import.row.period-order",
                "hours_per_week:place.hours.invalid", "tasks:field.too-long.4000",
            ])

        let header =
            "employer_name,organisation_number,sector,employees,address,postal_code,place_title,capacity,period_start,period_end,hours_per_week,tasks,unit_code"
        let row = [
            values[.employerName] ?? "", "5560160680", "privat", "-3", "", values[.postalCode] ?? "", "Kock", "0", "2026-06-01",
            "2026-05-01", "41", values[.tasks] ?? "", "JT",
        ].joined(separator: ",")
        let file = Set(RegisterFile.parse(header + "\n" + row + "\n").problems.map { "\($0.column ?? ""):\($0.code)" })
        #expect(file == problems, "the file adds nothing and misses nothing")
    }

    @Test("young adult is 18–24 and over 55 is 55 or older on the day of registration")
    func targetGroupAges() throws {
        let day = try #require(CivilDate(iso8601: "2026-11-18"))
        func refusal(_ group: TargetGroup, born: String?, year: Int? = nil) -> String? {
            group.ageRefusal(birthDate: born.flatMap(CivilDate.init(iso8601:)), birthYear: year, registeredOn: day)
        }
        #expect(refusal(.youngAdult, born: "1988-04-02") == "participant.target-group.young_adult.age")
        #expect(refusal(.youngAdult, born: "2002-11-18") == nil, "24 on the day")
        #expect(refusal(.youngAdult, born: "2001-11-19") == nil, "24 until tomorrow")
        #expect(refusal(.youngAdult, born: "2001-11-18") == "participant.target-group.young_adult.age", "25 today")
        #expect(refusal(.youngAdult, born: "2008-11-18") == nil, "18 today")
        #expect(refusal(.youngAdult, born: "2008-11-19") == "participant.target-group.young_adult.age", "17 until tomorrow")
        #expect(refusal(.over55, born: "1971-11-18") == nil)
        #expect(refusal(.over55, born: "1971-11-19") == "participant.target-group.over_55.age")
        #expect(refusal(.youngAdult, born: nil, year: 2001) == nil, "24 or 25: the benefit of the doubt")
        #expect(refusal(.youngAdult, born: nil, year: 1988) == "participant.target-group.young_adult.age")
        #expect(refusal(.youngAdult, born: nil) == "participant.target-group.needs-birth-year")
        #expect(refusal(.newlyArrived, born: nil) == nil, "no age rule")
    }

    @Test("an outcome at a horizon can be recorded from that many months after the exit")
    func horizons() throws {
        let exit = try #require(CivilDate(iso8601: "2026-11-30"))
        #expect(OutcomeHorizon.threeMonths.firstDay(afterExit: exit).description == "2027-02-28")
        let twoDaysLater = try #require(CivilDate(iso8601: "2026-12-02"))
        #expect(ParticipantRecordPolicy.horizonRefusal(.threeMonths, exitDate: exit, on: twoDaysLater) == .horizonNotReached)
        let later = try #require(CivilDate(iso8601: "2027-02-28"))
        #expect(ParticipantRecordPolicy.horizonRefusal(.threeMonths, exitDate: exit, on: later) == nil)
        #expect(ParticipantRecordPolicy.horizonRefusal(.twelveMonths, exitDate: exit, on: later) == .horizonNotReached)
        #expect(ParticipantRecordPolicy.horizonRefusal(.threeMonths, exitDate: nil, on: later) == .followUpBeforeExit)
    }

    @Test("opening a place asks the same question as using it")
    func opening() throws {
        let facts = PlaceUsability.Facts(
            status: .proposed, periodStart: try #require(CivilDate(iso8601: "2026-12-01")),
            periodEnd: try #require(CivilDate(iso8601: "2027-03-31")), capacity: 2, seatsTaken: 0, employerIsActive: true,
            requiredChecks: [EmployerCheckStanding(checkKey: "no_labour_dispute", result: .failed, recordedOn: nil, expiresOn: nil)])
        let day = try #require(CivilDate(iso8601: "2026-11-18"))
        #expect(PlaceUsability.answerForOpening(facts, on: day).reasons == [.init(.checkFailed, checkKey: "no_labour_dispute")])
        var passed = facts
        passed.requiredChecks = []
        #expect(PlaceUsability.answerForOpening(passed, on: day) == .allowed, "awaiting approval is not a reason against approving")
    }
}
