import Foundation
import PraktikCore
import Testing

// Modulus 11 per CPR-kontoret: weights 4,3,2,7,6,5,4,3,2,1 over all ten digits; the number passes
// when the weighted sum is divisible by 11. Sums below were checked by hand.

@Suite("DanishCPRNumber")
struct DanishCPRNumberTests {
    private func parse(_ text: String, today: String = "2026-05-14") throws -> DanishCPRNumber {
        try DanishCPRNumber(parsing: text, referenceDate: civilDate(today))
    }

    @Test("reads 070761-4285 in both written forms: 7 July 1961, passes modulus 11")
    func valid() throws {
        // 0*4 + 7*3 + 0*2 + 7*7 + 6*6 + 1*5 + 4*4 + 2*3 + 8*2 + 5*1
        //   = 0+21+0+49+36+5+16+6+16+5 = 154 = 14 * 11.
        // Seventh digit 4 with year 61 (above 36): the 1900s.
        for text in ["070761-4285", "0707614285", " 070761-4285\n"] {
            let number = try parse(text)
            #expect(number.storageValue == "0707614285")
            #expect(number.birthDate == (try civilDate("1961-07-07")))
            #expect(number.passesModulus11)
        }
    }

    @Test("accepts a number that fails modulus 11, with the warning flag (issued since 2007)")
    func modulus11IsOnlyAWarning() throws {
        // 070761-4286: the weighted sum is 155, remainder 1.
        let number = try parse("070761-4286")
        #expect(!number.passesModulus11)
        #expect(number.birthDate == (try civilDate("1961-07-07")))
        // The numbers issued without the control are mostly 1 January births (the first, in October
        // 2007, began 010165). 010165-1234: 0+3+0+7+36+25+4+6+6+4 = 91, remainder 3.
        #expect(try parse("010165-1234").passesModulus11 == false)
    }

    @Test("shows the canonical, formatted and masked forms")
    func forms() throws {
        let number = try parse("0707614285")
        #expect(number.description == "0707614285")
        #expect(number.formatted == "070761-4285")
        #expect(number.masked == "070761-****")
    }

    /// CPR-kontoret's table, written out cell by cell rather than computed the way the code does.
    ///
    ///     seventh digit   YY 00-36    YY 37-57    YY 58-99
    ///     0-3             1900s       1900s       1900s
    ///     4, 9            2000s       1900s       1900s
    ///     5-8             2000s       2000s       1800s
    static let publishedCenturyTable: [(seventhDigit: Int, twoDigitYear: Int, year: Int)] = [
        (0, 0, 1900), (0, 36, 1936), (0, 37, 1937), (0, 57, 1957), (0, 58, 1958), (0, 99, 1999),
        (1, 0, 1900), (1, 36, 1936), (1, 37, 1937), (1, 57, 1957), (1, 58, 1958), (1, 99, 1999),
        (2, 0, 1900), (2, 36, 1936), (2, 37, 1937), (2, 57, 1957), (2, 58, 1958), (2, 99, 1999),
        (3, 0, 1900), (3, 36, 1936), (3, 37, 1937), (3, 57, 1957), (3, 58, 1958), (3, 99, 1999),
        (4, 0, 2000), (4, 36, 2036), (4, 37, 1937), (4, 57, 1957), (4, 58, 1958), (4, 99, 1999),
        (5, 0, 2000), (5, 36, 2036), (5, 37, 2037), (5, 57, 2057), (5, 58, 1858), (5, 99, 1899),
        (6, 0, 2000), (6, 36, 2036), (6, 37, 2037), (6, 57, 2057), (6, 58, 1858), (6, 99, 1899),
        (7, 0, 2000), (7, 36, 2036), (7, 37, 2037), (7, 57, 2057), (7, 58, 1858), (7, 99, 1899),
        (8, 0, 2000), (8, 36, 2036), (8, 37, 2037), (8, 57, 2057), (8, 58, 1858), (8, 99, 1899),
        (9, 0, 2000), (9, 36, 2036), (9, 37, 1937), (9, 57, 1957), (9, 58, 1958), (9, 99, 1999),
    ]

    @Test("takes the century from the seventh digit and the year", arguments: publishedCenturyTable)
    func centuryTable(seventhDigit: Int, twoDigitYear: Int, year: Int) throws {
        let yy = twoDigitYear < 10 ? "0\(twoDigitYear)" : "\(twoDigitYear)"
        // A reference date late enough for every row; the future check has its own test.
        let number = try parse("0101\(yy)-\(seventhDigit)000", today: "2099-12-31")
        #expect(number.birthDate.year == year)
    }

    @Test(
        "checks 29 February against the century the number implies",
        arguments: [
            ("290200-4000", true),  // seventh digit 4, year 00: 2000, a leap year
            ("290200-0000", false),  // seventh digit 0: 1900, not a leap year
            ("290296-5000", true),  // seventh digit 5, year 96: 1896, a leap year
            ("290296-0000", true),  // 1996
            ("290297-0000", false),  // 1997
            ("290258-5000", false),  // 1858
        ])
    func leapDay(text: String, exists: Bool) throws {
        if exists {
            #expect(try parse(text).birthDate.day == 29)
        } else {
            #expect(throws: PersonalNumberError.invalidDate) { try parse(text) }
        }
    }

    @Test(
        "refuses dates that do not exist",
        arguments: ["310461-4285", "000161-4285", "320161-4285", "011361-4285", "010061-4285"])
    func invalidDates(text: String) {
        #expect(throws: PersonalNumberError.invalidDate) { try parse(text) }
    }

    @Test("refuses a birth after the reference date")
    func bornInFuture() throws {
        // Seventh digit 4 with year 26: 2026. Today is 2026-05-14.
        #expect(try parse("140526-4000").birthDate == civilDate("2026-05-14"))
        #expect(throws: PersonalNumberError.bornInFuture) { try parse("150526-4000") }
        // Seventh digit 5 with year 57: 2057.
        #expect(throws: PersonalNumberError.bornInFuture) { try parse("010157-5000") }
    }

    @Test("refuses wrong lengths", arguments: ["070761428", "07076142851", "190707614285", "-", "0707-61"])
    func wrongLength(text: String) {
        #expect(throws: PersonalNumberError.wrongLength) { try parse(text) }
    }

    @Test(
        "refuses misplaced separators",
        arguments: ["0707-614285", "07076142-85", "070761--4285", "-0707614285"])
    func invalidSeparator(text: String) {
        #expect(throws: PersonalNumberError.invalidSeparator) { try parse(text) }
    }

    @Test(
        "refuses letters, the Swedish + sign and non-ASCII digits",
        arguments: [
            "070761+4285", "070761-428X", "070761 4285", "٠٧٠٧٦١-٤٢٨٥", "０７０７６１-４２８５", "070761\u{2013}4285",
        ])
    func invalidCharacters(text: String) {
        #expect(throws: PersonalNumberError.invalidCharacter) { try parse(text) }
    }

    @Test("refuses empty input")
    func empty() {
        #expect(throws: PersonalNumberError.empty) { try parse(" ") }
    }

    @Test("reads back its storage value strictly and without a reference date")
    func storage() throws {
        #expect(try DanishCPRNumber(storageValue: "0707614285") == parse("070761-4285"))
        #expect(try DanishCPRNumber(storageValue: "0101575000").birthDate.year == 2057)
        #expect(throws: PersonalNumberError.notCanonical) { try DanishCPRNumber(storageValue: "070761-4285") }
        #expect(throws: PersonalNumberError.notCanonical) { try DanishCPRNumber(storageValue: " 0707614285") }
        #expect(throws: PersonalNumberError.invalidDate) { try DanishCPRNumber(storageValue: "2902000000") }
    }

    @Test("encodes as the canonical ten digits")
    func codable() throws {
        let number = try parse("070761-4286")
        let json = try JSONEncoder().encode([number])
        #expect(String(decoding: json, as: UTF8.self) == #"["0707614286"]"#)
        let decoded = try JSONDecoder().decode([DanishCPRNumber].self, from: json)
        #expect(decoded == [number])
        #expect(decoded.first?.passesModulus11 == false)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([DanishCPRNumber].self, from: Data(#"["070761-4285"]"#.utf8))
        }
    }
}
