import Foundation
import PraktikCore
import Vapor

/// The application form as the browser sends it: the visible fields of one step and the answers of
/// the other steps as hidden fields, so nothing typed is lost between steps or after an error.
struct ApplyForm: Content {
    var step: Int?
    /// `next`, `back` or `submit`.
    var action: String?
    var submissionKey: String?
    /// Left empty by people; filled by bots that fill every field (a honeypot).
    var website: String?

    var identification: String?
    var personNumber: String?
    var firstName: String?
    var lastName: String?
    var birthDate: String?
    var email: String?
    var phone: String?
    var postalAddress: String?
    var gender: String?
    var birthRegion: String?
    var homeDistrict: String?

    var educationLevel: String?
    var educationField: String?
    var educationCountry: String?
    var educationYear: String?
    var upperSecondaryFullGrades: String?
    var language0: String?, level0: String?
    var language1: String?, level1: String?
    var language2: String?, level2: String?
    var language3: String?, level3: String?

    var registeredAsJobSeeker: String?
    var permitKind: String?
    var permitEnd: String?
    var currentOccupation: String?
    var swedishWorkMonths: String?
    var availableFrom: String?

    var preferredFields: [String]?
    var preferredDistricts: [String]?

    var consentProgrammePartners: String?
    var consentEmployerProfile: String?
    var consentVersionProgrammePartners: String?
    var consentVersionEmployerProfile: String?

    var input: ApplicationInput {
        var input = ApplicationInput()
        input.identification = identification ?? ApplicantIdentification.swedish.rawValue
        input.personNumber = personNumber ?? ""
        input.firstName = firstName ?? ""
        input.lastName = lastName ?? ""
        input.birthDate = birthDate ?? ""
        input.email = email ?? ""
        input.phone = phone ?? ""
        input.postalAddress = postalAddress ?? ""
        input.gender = gender ?? ""
        input.birthRegion = birthRegion ?? ""
        input.homeDistrict = homeDistrict ?? ""
        input.educationLevel = educationLevel ?? ""
        input.educationField = educationField ?? ""
        input.educationCountry = educationCountry ?? ""
        input.educationYear = educationYear ?? ""
        input.upperSecondaryFullGrades = upperSecondaryFullGrades ?? ""
        input.languages = [(language0, level0), (language1, level1), (language2, level2), (language3, level3)]
            .map { ApplicationInput.Pair(language: $0 ?? "", level: $1 ?? "") }
        input.registeredAsJobSeeker = registeredAsJobSeeker ?? ""
        input.permitKind = permitKind ?? ""
        input.permitEnd = permitEnd ?? ""
        input.currentOccupation = currentOccupation ?? ""
        input.swedishWorkMonths = swedishWorkMonths ?? ""
        input.availableFrom = availableFrom ?? ""
        input.preferredFields = (preferredFields ?? []).filter { !$0.isEmpty }
        input.preferredDistricts = (preferredDistricts ?? []).filter { !$0.isEmpty }
        let partners = BuiltInConsentPurpose.programmePartners.rawValue, employers = BuiltInConsentPurpose.employerProfile.rawValue
        input.consents = [partners: consentProgrammePartners == "yes", employers: consentEmployerProfile == "yes"]
        input.consentVersions = [partners: consentVersionProgrammePartners ?? "", employers: consentVersionEmployerProfile ?? ""]
        return input
    }
}

extension ApplicationInput {
    /// Every answer as form fields, in the names the form uses; lists repeat their name.
    func formFields(of step: ApplicationStep) -> [(name: String, value: String)] {
        switch step {
        case .aboutYou:
            return [
                ("identification", identification), ("personNumber", personNumber), ("firstName", firstName), ("lastName", lastName),
                ("birthDate", birthDate), ("email", email), ("phone", phone), ("postalAddress", postalAddress), ("gender", gender),
                ("birthRegion", birthRegion), ("homeDistrict", homeDistrict),
            ]
        case .education:
            var fields: [(String, String)] = [
                ("educationLevel", educationLevel), ("educationField", educationField), ("educationCountry", educationCountry),
                ("educationYear", educationYear), ("upperSecondaryFullGrades", upperSecondaryFullGrades),
            ]
            for (index, pair) in languages.prefix(Self.languageRows).enumerated() {
                fields.append(("language\(index)", pair.language))
                fields.append(("level\(index)", pair.level))
            }
            return fields
        case .situation:
            return [
                ("registeredAsJobSeeker", registeredAsJobSeeker), ("permitKind", permitKind), ("permitEnd", permitEnd),
                ("currentOccupation", currentOccupation), ("swedishWorkMonths", swedishWorkMonths), ("availableFrom", availableFrom),
            ]
        case .wishes:
            return preferredFields.map { ("preferredFields[]", $0) } + preferredDistricts.map { ("preferredDistricts[]", $0) }
        case .consent:
            return []
        }
    }
}
