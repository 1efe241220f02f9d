import Foundation
import PraktikCore
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test(
        "Gregorian leap years: every 4th, not centuries, but every 4th century",
        arguments: [
            (2024, true), (2023, false), (2000, true), (1900, false), (2100, false), (2400, true),
            (1600, true), (1996, true), (1800, false),
        ])
    func leapYears(year: Int, isLeap: Bool) {
        #expect(CivilDate.isLeapYear(year) == isLeap)
    }

    @Test(
        "each month has its own last day, February by leap year",
        arguments: [
            (1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30), (10, 31),
            (11, 30), (12, 31),
        ])
    func lastDayOfMonth(month: Int, lastDayIn2023: Int) {
        #expect(CivilDate(year: 2023, month: month, day: lastDayIn2023) != nil)
        #expect(CivilDate(year: 2023, month: month, day: lastDayIn2023 + 1) == nil)
        let lastDayIn2024 = month == 2 ? 29 : lastDayIn2023
        #expect(CivilDate(year: 2024, month: month, day: lastDayIn2024) != nil)
        #expect(CivilDate(year: 2024, month: month, day: lastDayIn2024 + 1) == nil)
    }

    @Test(
        "refuses numbers outside the calendar",
        arguments: [(2026, 0, 1), (2026, 13, 1), (2026, 1, 0), (2026, 1, -1), (0, 1, 1), (10000, 1, 1)])
    func refusesOutOfRange(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test("orders by year, then month, then day")
    func ordering() throws {
        let dates = try ["2026-01-31", "2025-12-31", "2026-02-01", "2026-01-01", "1999-12-31"].map {
            try civilDate($0)
        }
        #expect(
            dates.sorted().map(\.description) == [
                "1999-12-31", "2025-12-31", "2026-01-01", "2026-01-31", "2026-02-01",
            ])
        #expect(try civilDate("2026-05-14") == civilDate("2026-05-14"))
        #expect(!(try civilDate("2026-05-14") < civilDate("2026-05-14")))
    }

    @Test("writes ISO 8601 with zero padding and reads it back")
    func iso8601() throws {
        let date = try #require(CivilDate(year: 912, month: 3, day: 4))
        #expect(date.description == "0912-03-04")
        #expect(CivilDate(iso8601: "0912-03-04") == date)
    }

    @Test(
        "reads only real dates written exactly as YYYY-MM-DD",
        arguments: [
            "2026-5-14", "2026-02-30", "2026/05/14", "20260514", " 2026-05-14", "２０２６-05-14", "", "2026-05-140", "2026-05-14 ",
            "12026-05-14", "2026-05-1-", "2026--05-14", "0000-01-01", "2026-00-10", "2026-05-00",
        ])
    func refusesOtherText(text: String) {
        #expect(CivilDate(iso8601: text) == nil)
    }

    @Test("every day from year 1 to 9999 that it writes, it reads back as the same day")
    func roundTrip() throws {
        var checked = 0
        for year in [1, 9, 10, 99, 100, 999, 1000, 1900, 2000, 2024, 2026, 9999] {
            for month in 1...12 {
                for day in 1...31 {
                    guard let date = CivilDate(year: year, month: month, day: day) else { continue }
                    let text = date.description
                    let padded = String(repeating: "0", count: 4 - String(year).count) + String(year)
                    let expected = padded + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
                    #expect(text == expected)
                    #expect(CivilDate(iso8601: text) == date)
                    checked += 1
                }
            }
        }
        #expect(checked == 12 * 365 + 2)  // of the twelve years only 2000 and 2024 are leap years
    }

    @Test("encodes as its ISO 8601 string")
    func codable() throws {
        let date = try civilDate("2000-02-29")
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2000-02-29"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["1900-02-29"]"#.utf8))
        }
    }
}
