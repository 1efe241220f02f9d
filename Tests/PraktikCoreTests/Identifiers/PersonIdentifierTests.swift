import Foundation
import PraktikCore
import Testing

@Suite("PersonIdentifier")
struct PersonIdentifierTests {
    private struct Participant: Codable, Equatable {
        var name: String
        var identifier: PersonIdentifier
    }

    @Test("stores, formats and masks each kind")
    func forms() throws {
        let today = try referenceDay()
        let swedish = PersonIdentifier.swedish(
            try SwedishPersonalNumber(parsing: "121212+1212", referenceDate: today))
        #expect(swedish.storageValue == "SE:191212121212")
        #expect(swedish.formatted == "19121212-1212")
        #expect(swedish.masked == "19121212-****")
        #expect(swedish.birthDate == (try civilDate("1912-12-12")))
        #expect(swedish.description == "SE:191212121212")

        let danish = PersonIdentifier.danishCPR(
            try DanishCPRNumber(parsing: "070761-4285", referenceDate: today))
        #expect(danish.storageValue == "DK:0707614285")
        #expect(danish.formatted == "070761-4285")
        #expect(danish.masked == "070761-****")
        #expect(danish.birthDate == (try civilDate("1961-07-07")))

        let none = PersonIdentifier.none
        #expect(none.storageValue == nil)
        #expect(none.formatted == nil)
        #expect(none.masked == nil)
        #expect(none.birthDate == nil)
        #expect(none.description == "none")
    }

    @Test(
        "reads back each storage value",
        arguments: ["SE:191212121212", "DK:0707614285", "SE:197010632391", nil])
    func storageRoundTrip(stored: String?) throws {
        #expect(try PersonIdentifier(storageValue: stored).storageValue == stored)
    }

    @Test(
        "storage is strict",
        arguments: [
            ("NO:01010112345", PersonalNumberError.unsupportedCountry),
            ("191212121212", .unsupportedCountry),
            ("se:191212121212", .unsupportedCountry),
            ("", .unsupportedCountry),
            ("SE:19121212-1212", .notCanonical),
            ("SE:1212121212", .notCanonical),
            ("DK:070761-4285", .notCanonical),
            ("SE:191212121213", .wrongCheckDigit),
            ("DK:3104614285", .invalidDate),
        ])
    func strictStorage(text: String, error: PersonalNumberError) {
        #expect(throws: error) { try PersonIdentifier(storageValue: text) }
    }

    @Test("encodes as its storage value, with null for .none, inside a record")
    func codable() throws {
        let today = try referenceDay()
        let people = [
            Participant(
                name: "A",
                identifier: .swedish(
                    try SwedishPersonalNumber(parsing: "19121212-1212", referenceDate: today))),
            Participant(
                name: "B",
                identifier: .danishCPR(try DanishCPRNumber(parsing: "0707614286", referenceDate: today))),
            Participant(name: "C", identifier: .none),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(people)
        #expect(
            String(decoding: json, as: UTF8.self)
                == #"[{"identifier":"SE:191212121212","name":"A"},{"identifier":"DK:0707614286","name":"B"},"#
                + #"{"identifier":null,"name":"C"}]"#)
        #expect(try JSONDecoder().decode([Participant].self, from: json) == people)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PersonIdentifier].self, from: Data(#"["SE:191212121213"]"#.utf8))
        }
    }
}
