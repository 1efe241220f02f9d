import Foundation
import PraktikCore
import Testing

// Erhvervsstyrelsen's CVR rule: weights 2,7,6,5,4,3,2,1 over all eight digits; the weighted sum
// must be divisible by 11.

@Suite("DanishCVRNumber")
struct DanishCVRNumberTests {
    @Test(
        "accepts valid CVR numbers",
        arguments: [
            // 1*2 + 0*7 + 1*6 + 5*5 + 0*4 + 8*3 + 1*2 + 7*1 = 2+0+6+25+0+24+2+7 = 66 = 6 * 11.
            "10150817",
            // Erhvervsstyrelsen's worked example: 2+21+42+20+32+3+6 = 126, plus 6*1 = 132 = 12 * 11.
            "13748136",
            " 10150817\n",
        ])
    func valid(text: String) throws {
        let number = try DanishCVRNumber(parsing: text)
        #expect(number.storageValue == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(number.description == number.storageValue)
    }

    @Test("refuses a wrong check digit: 10150818 sums to 67, remainder 1")
    func wrongCheckDigit() {
        #expect(throws: CompanyNumberError.wrongCheckDigit) { try DanishCVRNumber(parsing: "10150818") }
    }

    @Test("a single mistyped digit is always caught (11 is prime, weights 1...7)", arguments: 0..<8)
    func singleDigitErrors(position: Int) {
        let valid = Array("10150817")
        for replacement in "0123456789" where replacement != valid[position] {
            var typo = valid
            typo[position] = replacement
            #expect(throws: CompanyNumberError.self, "\(String(typo))") {
                try DanishCVRNumber(parsing: String(typo))
            }
        }
    }

    @Test("refuses a leading zero even when the weighted sum fits")
    func leadingZero() {
        // 0*2 + 1*7 + 2*6 + 3*5 + 4*4 + 5*3 + 6*2 + 0*1 = 77 = 7 * 11.
        #expect(throws: CompanyNumberError.leadingZero) { try DanishCVRNumber(parsing: "01234560") }
    }

    @Test("refuses wrong lengths", arguments: ["1015081", "101508170", "1234567890"])
    func wrongLength(text: String) {
        #expect(throws: CompanyNumberError.wrongLength) { try DanishCVRNumber(parsing: text) }
    }

    @Test(
        "refuses separators, prefixes, letters and non-ASCII digits",
        arguments: ["1015-0817", "DK10150817", "10 15 08 17", "1015081O", "１０１５０８１７", "١٠١٥٠٨١٧"])
    func invalidCharacters(text: String) {
        #expect(throws: CompanyNumberError.invalidCharacter) { try DanishCVRNumber(parsing: text) }
    }

    @Test("refuses empty input")
    func empty() {
        #expect(throws: CompanyNumberError.empty) { try DanishCVRNumber(parsing: "") }
    }

    @Test("reads back its storage value strictly and encodes as it")
    func storage() throws {
        #expect(try DanishCVRNumber(storageValue: "10150817") == DanishCVRNumber(parsing: "10150817"))
        #expect(throws: CompanyNumberError.notCanonical) { try DanishCVRNumber(storageValue: " 10150817") }
        let json = try JSONEncoder().encode([try DanishCVRNumber(parsing: "13748136")])
        #expect(String(decoding: json, as: UTF8.self) == #"["13748136"]"#)
        #expect(
            try JSONDecoder().decode([DanishCVRNumber].self, from: json).first?.storageValue == "13748136")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([DanishCVRNumber].self, from: Data(#"["10150818"]"#.utf8))
        }
    }
}
