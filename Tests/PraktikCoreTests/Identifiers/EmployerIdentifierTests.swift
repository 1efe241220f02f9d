import Foundation
import PraktikCore
import Testing

@Suite("EmployerIdentifier")
struct EmployerIdentifierTests {
    @Test("parses each kind and keeps the kind")
    func parsesEachKind() throws {
        let swedish = try EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: "5560160680")
        #expect(swedish == .swedishOrganisationNumber(try SwedishOrganisationNumber(parsing: "556016-0680")))
        #expect(swedish.kind == .swedishOrganisationNumber)

        let danish = try EmployerIdentifier.parse(kind: .danishCVR, raw: "10150817")
        #expect(danish == .danishCVR(try DanishCVRNumber(parsing: "10150817")))
        #expect(danish.kind == .danishCVR)

        let norwegian = try EmployerIdentifier.parse(kind: .foreign(country: " no "), raw: "  923 609 016 ")
        #expect(norwegian == .foreign(country: "NO", value: "923 609 016"))
        #expect(norwegian.kind == .foreign(country: "NO"))
    }

    @Test("passes on the domestic validators' errors")
    func domesticErrors() {
        #expect(throws: CompanyNumberError.wrongCheckDigit) {
            try EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: "556016-0681")
        }
        #expect(throws: CompanyNumberError.wrongCheckDigit) {
            try EmployerIdentifier.parse(kind: .danishCVR, raw: "10150818")
        }
    }

    @Test("refuses Sweden and Denmark as foreign countries", arguments: ["SE", "se", "DK", " dk"])
    func domesticAsForeign(country: String) {
        #expect(throws: CompanyNumberError.domesticCountry) {
            try EmployerIdentifier.parse(kind: .foreign(country: country), raw: "5560160681")
        }
    }

    @Test(
        "refuses country codes that are not two ASCII letters", arguments: ["", "N", "NOR", "N0", "ÖS", "ＮＯ"])
    func invalidCountry(country: String) {
        #expect(throws: CompanyNumberError.invalidCountryCode) {
            try EmployerIdentifier.parse(kind: .foreign(country: country), raw: "923609016")
        }
    }

    @Test("refuses empty, overlong or control-character foreign values")
    func foreignValues() throws {
        let kind = EmployerIdentifier.Kind.foreign(country: "DE")
        #expect(throws: CompanyNumberError.empty) { try EmployerIdentifier.parse(kind: kind, raw: "  ") }
        #expect(throws: CompanyNumberError.wrongLength) {
            try EmployerIdentifier.parse(kind: kind, raw: String(repeating: "9", count: 65))
        }
        #expect(throws: CompanyNumberError.invalidCharacter) {
            try EmployerIdentifier.parse(kind: kind, raw: "HRB\n12345")
        }
        #expect(throws: CompanyNumberError.invalidCharacter) {
            try EmployerIdentifier.parse(kind: kind, raw: "HRB\u{0}12345")
        }
        #expect(
            try EmployerIdentifier.parse(kind: kind, raw: String(repeating: "9", count: 64))
                == .foreign(country: "DE", value: String(repeating: "9", count: 64)))
    }

    @Test(
        "stores the country first and reads it back",
        arguments: [
            (
                EmployerIdentifier.Kind.swedishOrganisationNumber, "165560160680", "SE:556016-0680",
                "556016-0680"
            ),
            (.danishCVR, "10150817", "DK:10150817", "10150817"),
            (.foreign(country: "no"), "923609016", "NO:923609016", "923609016"),
            (.foreign(country: "DE"), "HRB 12345: Köln", "DE:HRB 12345: Köln", "HRB 12345: Köln"),
        ])
    func storage(kind: EmployerIdentifier.Kind, raw: String, stored: String, formatted: String) throws {
        let identifier = try EmployerIdentifier.parse(kind: kind, raw: raw)
        #expect(identifier.storageValue == stored)
        #expect(identifier.description == stored)
        #expect(identifier.formatted == formatted)
        #expect(try EmployerIdentifier(storageValue: stored) == identifier)

        let json = try JSONEncoder().encode([identifier])
        #expect(try JSONDecoder().decode([EmployerIdentifier].self, from: json) == [identifier])
    }

    @Test("masks a sole trader's personnummer only")
    func masked() throws {
        let soleTrader = try EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: "19121212-1212")
        #expect(soleTrader.formatted == "121212-1212")
        #expect(soleTrader.masked == "121212-****")
        let company = try EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: "556016-0680")
        #expect(company.masked == "556016-0680")
    }

    @Test(
        "storage is strict",
        arguments: [
            ("5560160680", CompanyNumberError.notCanonical),
            ("SE:5560160680", .notCanonical),
            ("DK: 10150817", .notCanonical),
            ("NO: 923609016", .notCanonical),
            ("no:923609016", .notCanonical),
            ("SE:556016-0681", .wrongCheckDigit),
            ("XYZ:1", .invalidCountryCode),
            ("NO:", .empty),
        ])
    func strictStorage(text: String, error: CompanyNumberError) {
        #expect(throws: error) { try EmployerIdentifier(storageValue: text) }
    }
}
