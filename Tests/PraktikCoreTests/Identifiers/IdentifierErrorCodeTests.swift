import PraktikCore
import Testing

/// The codes are keys into the localisation files and may be stored with audit events: renaming
/// one is a breaking change, so they are spelled out here.
@Suite("Identifier error codes")
struct IdentifierErrorCodeTests {
    @Test("personal number errors have stable, distinct codes")
    func personalNumberCodes() {
        #expect(
            PersonalNumberError.allCases.map(\.code) == [
                "personal-number.empty",
                "personal-number.character",
                "personal-number.length",
                "personal-number.separator",
                "personal-number.date",
                "personal-number.check-digit",
                "personal-number.born-in-future",
                "personal-number.not-canonical",
                "personal-number.country",
            ])
    }

    @Test("company number errors have stable, distinct codes")
    func companyNumberCodes() {
        #expect(
            CompanyNumberError.allCases.map(\.code) == [
                "company-number.empty",
                "company-number.character",
                "company-number.length",
                "company-number.separator",
                "company-number.prefix",
                "company-number.leading-zero",
                "company-number.check-digit",
                "company-number.not-organisation",
                "company-number.country",
                "company-number.domestic-country",
                "company-number.not-canonical",
            ])
    }
}
