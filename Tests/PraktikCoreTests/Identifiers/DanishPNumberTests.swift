import Foundation
import PraktikCore
import Testing

@Suite("DanishPNumber")
struct DanishPNumberTests {
    @Test(
        "accepts ten digits not starting with 0",
        arguments: ["1003388394", "9999999999", "1000000000", " 1003388394 "])
    func valid(text: String) throws {
        let number = try DanishPNumber(parsing: text)
        #expect(number.storageValue == text.trimmingCharacters(in: .whitespaces))
        #expect(number.description == number.storageValue)
    }

    @Test("refuses a leading zero")
    func leadingZero() {
        #expect(throws: CompanyNumberError.leadingZero) { try DanishPNumber(parsing: "0123456789") }
    }

    @Test("refuses wrong lengths", arguments: ["100338839", "10033883940", "10150817"])
    func wrongLength(text: String) {
        #expect(throws: CompanyNumberError.wrongLength) { try DanishPNumber(parsing: text) }
    }

    @Test(
        "refuses separators, letters and non-ASCII digits",
        arguments: ["100338-8394", "100338839A", "１００３３８８３９４", "P1003388394"])
    func invalidCharacters(text: String) {
        #expect(throws: CompanyNumberError.invalidCharacter) { try DanishPNumber(parsing: text) }
    }

    @Test("refuses empty input")
    func empty() {
        #expect(throws: CompanyNumberError.empty) { try DanishPNumber(parsing: "\n") }
    }

    @Test("reads back its storage value strictly and encodes as it")
    func storage() throws {
        #expect(try DanishPNumber(storageValue: "1003388394").storageValue == "1003388394")
        #expect(throws: CompanyNumberError.notCanonical) { try DanishPNumber(storageValue: "1003388394 ") }
        let json = try JSONEncoder().encode([try DanishPNumber(parsing: "1003388394")])
        #expect(String(decoding: json, as: UTF8.self) == #"["1003388394"]"#)
        #expect(
            try JSONDecoder().decode([DanishPNumber].self, from: json) == [
                try DanishPNumber(parsing: "1003388394")
            ])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([DanishPNumber].self, from: Data(#"["0123456789"]"#.utf8))
        }
    }
}
