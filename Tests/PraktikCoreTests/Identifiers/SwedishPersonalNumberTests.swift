import Foundation
import PraktikCore
import Testing

// Every number below was checked by hand (or by a separate script) against SKV 704's Luhn rule:
// the nine digits after the century, doubled alternately from the left (2,1,2,1,...), digit sums
// added; the check digit tops the sum up to a multiple of ten. "sum 25 -> 5" reads: the digit sum of
// the nine payload digits is 25, so the check digit is 5.

@Suite("SwedishPersonalNumber")
struct SwedishPersonalNumberTests {
    private func parse(_ text: String, today: String = "2026-05-14") throws -> SwedishPersonalNumber {
        try SwedishPersonalNumber(parsing: text, referenceDate: civilDate(today))
    }

    // MARK: Valid numbers

    @Test(
        "accepts every written form of Skatteverket's test number 19121212-1212 (sum 18 -> 2)",
        arguments: [
            "19121212-1212", "191212121212", "121212+1212", "  19121212-1212\n", "\t121212+1212 ",
        ])
    func writtenForms(text: String) throws {
        let number = try parse(text)
        #expect(number.storageValue == "191212121212")
        #expect(number.birthDate == (try civilDate("1912-12-12")))
        #expect(!number.isCoordinationNumber)
    }

    @Test("8112189876 (sum 44 -> 6) is born 1981-12-18: 2081 would be in the future")
    func tenDigitsWithoutSeparator() throws {
        let number = try parse("8112189876")
        #expect(number.storageValue == "198112189876")
        #expect(number.birthDate == (try civilDate("1981-12-18")))
    }

    @Test("shows the canonical, formatted and masked forms")
    func forms() throws {
        let number = try parse("121212+1212")
        #expect(number.storageValue == "191212121212")
        #expect(number.description == "191212121212")
        #expect(number.formatted == "19121212-1212")
        #expect(number.masked == "19121212-****")
    }

    @Test("the same person written two ways is one value")
    func equality() throws {
        let written = try Set(["19121212-1212", "121212+1212", "191212121212"].map { try parse($0) })
        #expect(written.count == 1)
        #expect(try parse("121212-1212") != parse("121212+1212"))
    }

    // MARK: Century of the ten-digit forms

    @Test(
        "infers the century from the reference date and the separator",
        arguments: [
            // The + sign: born 1912, 113 years old in 2026.
            ("121212+1212", "191212121212"),
            // Without it, the most recent 12 December ending in 12: 2012.
            ("121212-1212", "201212121212"),
            ("1212121212", "201212121212"),
            // Born today (sum 31 -> 9): age 0, this century.
            ("260514-1239", "202605141239"),
            ("2605141239", "202605141239"),
            // Born tomorrow (sum 32 -> 8): 2026-05-15 is in the future, so 1926, 99 years old.
            ("260515-1238", "192605151238"),
            // With +: turned 100 today, born 1926-05-14.
            ("260514+1239", "192605141239"),
            // With + and born tomorrow: 1926-05-15 is only 99, so a century earlier still.
            ("260515+1238", "182605151238"),
            // Born yesterday with + (sum 30 -> 0).
            ("260513+1230", "192605131230"),
            // Samordningsnummer: the day is 14 + 60 (sum 34 -> 6) and 15 + 60 (sum 35 -> 5); the
            // comparison with today uses the real day.
            ("260574-1236", "202605741236"),
            ("260575-1235", "192605751235"),
        ])
    func centuryInference(text: String, expected: String) throws {
        #expect(try parse(text).storageValue == expected)
    }

    @Test(
        "infers the century across a century boundary",
        arguments: [
            // 000101-1238: sum 12 -> 8. 991231-1231: sum 39 -> 1.
            ("000101-1238", "2000-01-01", "200001011238"),
            ("000101-1238", "1999-12-31", "190001011238"),
            ("991231-1231", "2000-01-01", "199912311231"),
            ("991231-1231", "1999-12-31", "199912311231"),
            ("991231+1231", "2000-01-01", "189912311231"),
        ])
    func centuryBoundary(text: String, today: String, expected: String) throws {
        #expect(try parse(text, today: today).storageValue == expected)
    }

    @Test("refuses a twelve-digit number born after the reference date")
    func bornInFuture() throws {
        // 20260515-1238 and 20260575-1235: valid check digits (see above), born tomorrow.
        #expect(throws: PersonalNumberError.bornInFuture) { try parse("20260515-1238") }
        #expect(throws: PersonalNumberError.bornInFuture) { try parse("20260575-1235") }
        #expect(try parse("20260514-1239").birthDate == civilDate("2026-05-14"))
    }

    // MARK: Dates

    @Test(
        "accepts 29 February in leap years only",
        arguments: [
            // 000229-1235: sum 25 -> 5. 2000 is a leap year (divisible by 400).
            ("20000229-1235", "2000-02-29"),
            ("000229-1235", "2000-02-29"),
            // 240229-1237: sum 33 -> 7. 960229-1230: sum 40 -> 0.
            ("20240229-1237", "2024-02-29"),
            ("19960229-1230", "1996-02-29"),
        ])
    func leapDay(text: String, expected: String) throws {
        #expect(try parse(text).birthDate == civilDate(expected))
    }

    @Test(
        "refuses dates that do not exist, with a correct check digit",
        arguments: [
            // 2023 is not a leap year (230229-1238: sum 32 -> 8).
            "20230229-1238",
            // 1900 is not a leap year (divisible by 100, not by 400); same ten digits as 2000-02-29.
            "19000229-1235",
            // With + the century is 1900, so the same ten digits now name a day that never was.
            "000229+1235",
            // 900229-1236: sum 34 -> 6.
            "19900229-1236",
            // Day 00 (sum 20 -> 0), day 32 (sum 28 -> 2), month 13 (sum 25 -> 5), month 00 (sum 20 -> 0).
            "19900100-1230", "19900132-1232", "19901301-1235", "19900001-1230",
            // SKV 707: the century is 18, 19 or 20 (991231-1231: sum 39 -> 1).
            "17991231-1231", "00991231-1231",
        ])
    func invalidDates(text: String) {
        #expect(throws: PersonalNumberError.invalidDate) { try parse(text) }
    }

    // MARK: Samordningsnummer

    @Test("Skatteverket's example samordningsnummer 701063-2391 (sum 29 -> 1): born 3 October 1970")
    func coordinationNumberExample() throws {
        let number = try parse("19701063-2391")
        #expect(number.isCoordinationNumber)
        #expect(number.birthDate == (try civilDate("1970-10-03")))
        #expect(number.storageValue == "197010632391")
        #expect(number.formatted == "19701063-2391")
        #expect(number.masked == "19701063-****")
        #expect(try parse("701063-2391") == number)
    }

    @Test(
        "accepts coordination days 61...91 (January 1990, serial 123; check digits computed per day)",
        arguments: zip(
            61...91,
            [
                "1236", "1235", "1234", "1233", "1232", "1231", "1230", "1239", "1238", "1235", "1234",
                "1233", "1232", "1231", "1230", "1239", "1238", "1237", "1236", "1233", "1232", "1231",
                "1230", "1239", "1238", "1237", "1236", "1235", "1234", "1231", "1230",
            ]))
    func coordinationDays(day: Int, lastFour: String) throws {
        let number = try parse("199001\(day)-\(lastFour)")
        #expect(number.isCoordinationNumber)
        #expect(number.birthDate == CivilDate(year: 1990, month: 1, day: day - 60))
    }

    @Test(
        "refuses coordination days outside the month",
        arguments: [
            // Day 92 (sum 31 -> 9) would be 32 January; day 60 (sum 23 -> 7) would be 0 January.
            "19900192-1239", "19900160-1237",
            // Day 90 in February 1990 (sum 30 -> 0) would be 30 February; day 89 (sum 37 -> 3) is
            // 29 February in a year that has none.
            "19900290-1230", "19900289-1233",
        ])
    func invalidCoordinationDays(text: String) {
        #expect(throws: PersonalNumberError.invalidDate) { try parse(text) }
    }

    @Test("accepts coordination day 89 in February of a leap year (960289-1237: sum 43 -> 7)")
    func coordinationLeapDay() throws {
        let number = try parse("19960289-1237")
        #expect(number.isCoordinationNumber)
        #expect(number.birthDate == (try civilDate("1996-02-29")))
    }

    // MARK: Check digit

    @Test("refuses every wrong check digit", arguments: [0, 1, 3, 4, 5, 6, 7, 8, 9])
    func wrongCheckDigit(lastDigit: Int) {
        #expect(throws: PersonalNumberError.wrongCheckDigit) { try parse("19121212-121\(lastDigit)") }
        #expect(throws: PersonalNumberError.wrongCheckDigit) { try parse("121212-121\(lastDigit)") }
    }

    @Test("a single mistyped digit after the century is always caught", arguments: 2..<12)
    func singleDigitErrors(position: Int) {
        let valid = Array("191212121212")
        for replacement in "0123456789" where replacement != valid[position] {
            var typo = valid
            typo[position] = replacement
            #expect(throws: PersonalNumberError.self, "\(String(typo))") {
                try parse(String(typo))
            }
        }
    }

    // MARK: Malformed text

    @Test(
        "refuses wrong lengths",
        arguments: ["121212121", "19121212121", "1912121212120", "19121212-12123", "-", "1"])
    func wrongLength(text: String) {
        #expect(throws: PersonalNumberError.wrongLength) { try parse(text) }
    }

    @Test("refuses empty input", arguments: ["", "   ", "\n\t"])
    func empty(text: String) {
        #expect(throws: PersonalNumberError.empty) { try parse(text) }
    }

    @Test(
        "refuses misplaced or repeated separators",
        arguments: [
            "1912-1212-1212", "191212-121212", "19121212+1212", "121212-+1212", "121212--1212",
            "-1912121212", "1912121212-", "19121212-12",
        ])
    func invalidSeparator(text: String) {
        #expect(throws: PersonalNumberError.invalidSeparator) { try parse(text) }
    }

    @Test(
        "refuses letters and other characters",
        arguments: [
            "19121212-121A", "abcdefgh-ijkl", "19121212 1212", "19121212_1212", "121212/1212",
            "19121212.1212", "1912 1212 1212",
        ])
    func letters(text: String) {
        #expect(throws: PersonalNumberError.invalidCharacter) { try parse(text) }
    }

    @Test(
        "refuses digits that Swift counts as numbers but are not ASCII",
        arguments: [
            "١٢٣",  // Arabic-Indic
            "１２",  // full-width
            "١٩١٢١٢١٢-١٢١٢",  // the test number in Arabic-Indic digits
            "１９１２１２１２-１２１２",  // ... and full-width
            "19121212-121２",  // one full-width digit
            "۱۹۱۲۱۲۱۲۱۲۱۲",  // Extended Arabic-Indic (Persian)
            "१९१२१२१२१२१२",  // Devanagari
        ])
    func nonASCIIDigits(text: String) {
        #expect(text.allSatisfy { $0.isNumber || $0 == "-" }, "the premise: Swift calls these numbers")
        #expect(throws: PersonalNumberError.invalidCharacter) { try parse(text) }
    }

    @Test(
        "refuses look-alike dashes and combining marks",
        arguments: [
            "19121212\u{2013}1212",  // en dash
            "19121212\u{2212}1212",  // minus sign
            "19121212\u{2010}1212",  // hyphen
            "19121212-1212\u{0301}",  // a combining accent on the last digit
            "19121212-1212\u{FE0F}\u{20E3}",  // keycap
        ])
    func lookAlikes(text: String) {
        #expect(throws: PersonalNumberError.invalidCharacter) { try parse(text) }
    }

    // MARK: Storage

    @Test("reads back its storage value without a reference date")
    func storageValue() throws {
        let number = try SwedishPersonalNumber(storageValue: "191212121212")
        #expect(number == (try parse("19121212-1212")))
        // Storage does not consult the clock: a number valid once stays readable.
        #expect(try SwedishPersonalNumber(storageValue: "209912311231").birthDate == civilDate("2099-12-31"))
    }

    @Test(
        "storage accepts only the canonical twelve digits",
        arguments: ["19121212-1212", "1212121212", "121212+1212", " 191212121212", "１９１２１２１２１２１２", ""])
    func storageIsStrict(text: String) {
        #expect(throws: PersonalNumberError.notCanonical) { try SwedishPersonalNumber(storageValue: text) }
    }

    @Test("storage still checks the date and check digit")
    func storageValidates() {
        #expect(throws: PersonalNumberError.wrongCheckDigit) {
            try SwedishPersonalNumber(storageValue: "191212121213")
        }
        #expect(throws: PersonalNumberError.invalidDate) {
            try SwedishPersonalNumber(storageValue: "190002291235")
        }
        // Century 21 is outside SKV 707's 18, 19, 20, even where the clock is not consulted.
        #expect(throws: PersonalNumberError.invalidDate) {
            try SwedishPersonalNumber(storageValue: "210001011238")
        }
    }

    @Test("encodes as the canonical string and decodes it strictly, without leaking the number")
    func codable() throws {
        let number = try parse("121212+1212")
        let json = try JSONEncoder().encode([number])
        #expect(String(decoding: json, as: UTF8.self) == #"["191212121212"]"#)
        #expect(try JSONDecoder().decode([SwedishPersonalNumber].self, from: json) == [number])

        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode([SwedishPersonalNumber].self, from: Data(#"["19121212-1212"]"#.utf8))
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(context.debugDescription == "personal-number.not-canonical")
    }
}
