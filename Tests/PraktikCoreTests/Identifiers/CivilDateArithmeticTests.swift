import PraktikCore
import Testing

@Suite("CivilDate arithmetic")
struct CivilDateArithmeticTests {
    @Test("day numbers count from 0001-01-01")
    func epoch() throws {
        #expect(try civilDate("0001-01-01").dayNumber == 0)
        #expect(try civilDate("0001-01-02").dayNumber == 1)
        #expect(try civilDate("1970-01-01").dayNumber == 719_162)
    }

    @Test(
        "adding days crosses months, leap days and years",
        arguments: [
            ("2026-01-31", 1, "2026-02-01"), ("2024-02-28", 1, "2024-02-29"), ("2023-02-28", 1, "2023-03-01"),
            ("2026-12-31", 1, "2027-01-01"), ("2026-05-14", -365, "2025-05-14"), ("2000-02-29", 366, "2001-03-01"),
            ("1900-02-28", 1, "1900-03-01"),
        ])
    func adding(start: String, days: Int, expected: String) throws {
        #expect(try civilDate(start).adding(days: days) == civilDate(expected))
    }

    @Test("every day of four centuries round-trips")
    func roundTrip() throws {
        let start = try civilDate("1900-01-01").dayNumber
        var previous: CivilDate?
        for number in start..<(start + 146_097) {
            let date = try #require(CivilDate(dayNumber: number))
            #expect(date.dayNumber == number)
            if let previous { #expect(previous < date) }
            previous = date
        }
    }

    @Test("nothing outside years 1 to 9999")
    func bounds() throws {
        #expect(CivilDate(dayNumber: -1) == nil)
        #expect(try civilDate("9999-12-31").adding(days: 1) == nil)
    }
}
