import Foundation
import PraktikCore
import Testing

// Luhn sums as in SwedishPersonalNumberTests: "sum 30 -> 0" is the digit sum of the nine payload
// digits doubled alternately from the left, and the check digit that makes it a multiple of ten.

@Suite("SwedishOrganisationNumber")
struct SwedishOrganisationNumberTests {
    private func parse(_ text: String) throws -> SwedishOrganisationNumber {
        try SwedishOrganisationNumber(parsing: text)
    }

    @Test(
        "reads a legal entity's number in every accepted form (556016-0680: sum 30 -> 0)",
        arguments: ["556016-0680", "5560160680", "16556016-0680", "165560160680", "  556016-0680\t"])
    func legalEntity(text: String) throws {
        let number = try parse(text)
        #expect(number.storageValue == "556016-0680")
        #expect(number.description == "556016-0680")
        #expect(number.formatted == "556016-0680")
        #expect(number.masked == "556016-0680")
        #expect(!number.isSoleTrader)
    }

    @Test(
        "accepts other legal entity numbers",
        arguments: [
            "202100-5448",  // sum 22 -> 8; group 2 (state and municipalities)
            "212000-0142",  // sum 18 -> 2
        ])
    func otherLegalEntities(text: String) throws {
        #expect(try parse(text).storageValue == text)
    }

    @Test("refuses every wrong check digit", arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    func wrongCheckDigit(lastDigit: Int) {
        #expect(throws: CompanyNumberError.wrongCheckDigit) { try parse("556016-068\(lastDigit)") }
        #expect(throws: CompanyNumberError.wrongCheckDigit) { try parse("16556016-068\(lastDigit)") }
    }

    @Test(
        "accepts a sole trader's personnummer, stored in its ten-digit form",
        arguments: [
            ("121212-1212", "121212-1212"),
            ("19121212-1212", "121212-1212"),
            ("18121212-1212", "121212-1212"),  // a century sign of 18 is allowed for stored numbers
            ("191212121212", "121212-1212"),
            ("8112189876", "811218-9876"),
            ("701063-2391", "701063-2391"),  // a samordningsnummer
            ("000229-1235", "000229-1235"),  // 29 February 2000
            ("20000229-1235", "000229-1235"),
        ])
    func soleTrader(text: String, expected: String) throws {
        let number = try parse(text)
        #expect(number.isSoleTrader)
        #expect(number.storageValue == expected)
        #expect(number.masked == "\(expected.prefix(6))-****")
    }

    @Test(
        "refuses a number that is neither a legal entity's nor a valid personnummer",
        arguments: [
            "551316-1231",  // third digit 1, month 13 (sum 29 -> 1)
            "550016-1236",  // third digit 0, month 00 (sum 24 -> 6)
            "010229-1234",  // 29 February 1901 or 2001: neither exists (sum 26 -> 4)
            "19000229-1235",  // 1900 is not a leap year, though 2000 is
            "161212121212",  // the 16 prefix belongs to legal entities only
        ])
    func notAnOrganisation(text: String) {
        #expect(throws: CompanyNumberError.notAnOrganisationNumber) { try parse(text) }
    }

    @Test(
        "refuses twelve digits that start with neither 16 nor a sole trader's century",
        arguments: ["175560160680", "005560160680", "195560160680", "205560160680"])
    func invalidPrefix(text: String) {
        #expect(throws: CompanyNumberError.invalidPrefix) { try parse(text) }
    }

    @Test("refuses wrong lengths", arguments: ["556016068", "55601606801", "1655601606801", "-"])
    func wrongLength(text: String) {
        #expect(throws: CompanyNumberError.wrongLength) { try parse(text) }
    }

    @Test("refuses misplaced separators", arguments: ["55601-60680", "5560-16-0680", "1655601-60680"])
    func invalidSeparator(text: String) {
        #expect(throws: CompanyNumberError.invalidSeparator) { try parse(text) }
    }

    @Test(
        "refuses letters, + and non-ASCII digits",
        arguments: [
            "556016+0680", "556016-068O", "SE5560160680", "556016 0680", "５５６０１６-０６８０", "٥٥٦٠١٦-٠٦٨٠",
        ])
    func invalidCharacters(text: String) {
        #expect(throws: CompanyNumberError.invalidCharacter) { try parse(text) }
    }

    @Test("refuses empty input")
    func empty() {
        #expect(throws: CompanyNumberError.empty) { try parse("") }
    }

    @Test("reads back its storage value strictly and encodes as it")
    func storage() throws {
        #expect(try SwedishOrganisationNumber(storageValue: "556016-0680") == parse("5560160680"))
        #expect(try SwedishOrganisationNumber(storageValue: "121212-1212").isSoleTrader)
        for text in ["5560160680", "16556016-0680", " 556016-0680"] {
            #expect(throws: CompanyNumberError.notCanonical) {
                try SwedishOrganisationNumber(storageValue: text)
            }
        }
        let json = try JSONEncoder().encode([try parse("165560160680")])
        #expect(String(decoding: json, as: UTF8.self) == #"["556016-0680"]"#)
        #expect(
            try JSONDecoder().decode([SwedishOrganisationNumber].self, from: json) == [
                try parse("556016-0680")
            ])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([SwedishOrganisationNumber].self, from: Data(#"["556016-0681"]"#.utf8))
        }
    }
}
