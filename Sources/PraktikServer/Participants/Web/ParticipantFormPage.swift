import Foundation
import PraktikCore
import Vapor

/// The submitted participant form, as the browser sends it.
struct ParticipantForm: Content {
    var firstName: String?
    var lastName: String?
    var email: String?
    var phone: String?
    var postalAddress: String?
    var identifierKind: String?
    var personNumber: String?
    var birthYear: String?
    var gender: String?
    var birthRegion: String?
    var educationLevel: String?
    var educationField: String?
    var benefitType: String?
    var messageLanguage: String?
    var unitID: String?
    var responsibleUserID: String?
    var language0: String?, level0: String?
    var language1: String?, level1: String?
    var language2: String?, level2: String?
    var language3: String?, level3: String?
    var targetGroups: [String]?

    static let languageRows = 4

    var input: ParticipantInput {
        ParticipantInput(
            firstName: firstName ?? "", lastName: lastName ?? "", email: email ?? "", phone: phone ?? "",
            postalAddress: postalAddress ?? "", identifierKind: identifierKind ?? "", personNumber: personNumber ?? "",
            birthYear: birthYear ?? "", gender: gender ?? "", birthRegion: birthRegion ?? "", educationLevel: educationLevel ?? "",
            educationField: educationField ?? "", benefitType: benefitType ?? "", messageLanguage: messageLanguage ?? "",
            unitID: unitID.flatMap(UUID.init(uuidString:)), responsibleUserID: responsibleUserID.flatMap(UUID.init(uuidString:)),
            languages: languagePairs, targetGroups: targetGroups ?? [])
    }

    var languagePairs: [(code: String, level: String)] {
        [(language0, level0), (language1, level1), (language2, level2), (language3, level3)]
            .map { (code: $0 ?? "", level: $1 ?? "") }
    }

    /// The form filled from a stored record, for editing.
    init(_ p: Participant, languages: [ParticipantLanguage], groups: [ParticipantTargetGroup]) {
        firstName = p.firstName
        lastName = p.lastName
        email = p.email
        phone = p.phone
        postalAddress = p.postalAddress
        identifierKind = p.identifierKind
        personNumber = (try? PersonIdentifier(storageValue: p.personIdentifier))?.formatted
        birthYear = p.birthYear.map(String.init)
        gender = p.gender
        birthRegion = p.birthRegion
        educationLevel = p.educationLevel
        educationField = p.educationField
        benefitType = p.benefitType
        messageLanguage = p.messageLanguage
        unitID = p.$unit.id.uuidString
        responsibleUserID = p.$responsibleCaseWorker.id?.uuidString
        let pairs = languages.map { ($0.language, $0.level) }
        func pair(_ index: Int) -> (String?, String?) { index < pairs.count ? (pairs[index].0, pairs[index].1) : (nil, nil) }
        (language0, level0) = pair(0)
        (language1, level1) = pair(1)
        (language2, level2) = pair(2)
        (language3, level3) = pair(3)
        targetGroups = groups.map(\.tag)
    }

    init() {}
}

/// What the participant form says about a person number that another record holds.
enum PersonNumberTaken: Equatable {
    case no
    /// By a record the user may open: the form links to it.
    case visibleAt(String)
    /// By a record the user may not open: the same words whoever holds it, and for a new
    /// registration a button that asks for a transfer (`TransferService`).
    case elsewhere
}

/// Everything the participant form template shows.
struct ParticipantFormPage: Encodable {
    /// Asks the unit that holds a person number for the record; the typed number goes with it.
    struct TransferOffer: Encodable {
        let action = SiteURL.participantTransfers.path
        let identifierKind: String
        let personNumber: String
    }

    struct LanguageRow: Encodable {
        let index: Int
        let languages: [Choice]
        let levels: [Choice]
    }

    struct CheckOption: Encodable {
        let value: String
        let labelKey: String
        let isChecked: Bool
    }

    let isNew: Bool
    let action: String
    let cancelHref: String
    let form: ParticipantFormValues
    let identifierKinds: [Choice]
    let genders: [Choice]
    let birthRegions: [Choice]
    let educationLevels: [Choice]
    let benefitTypes: [Choice]
    let messageLanguages: [Choice]
    let units: [Choice]
    let showsUnit: Bool
    let caseWorkers: [Choice]
    let languageRows: [LanguageRow]
    let targetGroups: [CheckOption]
    let errors: [String: String]
    let hasErrors: Bool
    let duplicateHref: String?
    let transfer: TransferOffer?

    init(
        isNew: Bool, action: String, cancelHref: String, form: ParticipantForm, units: [Choice], showsUnit: Bool,
        caseWorkers: [Choice], errors: [String: String], taken: PersonNumberTaken, defaultLanguage: AppLanguage
    ) {
        self.isNew = isNew
        self.action = action
        self.cancelHref = cancelHref
        self.form = ParticipantFormValues(form)
        identifierKinds = Choice.all(
            IdentifierKind.self, prefix: "identifier-kind", selected: form.identifierKind ?? IdentifierKind.swedishPersonalNumber.rawValue)
        genders = Choice.all(Gender.self, prefix: "gender", selected: form.gender)
        birthRegions = Choice.all(BirthRegion.self, prefix: "birth-region", selected: form.birthRegion)
        educationLevels = Choice.all(EducationLevel.self, prefix: "education-level", selected: form.educationLevel)
        benefitTypes = Choice.all(BenefitType.self, prefix: "benefit-type", selected: form.benefitType)
        // A new person starts with the installation's language; an older record without one shows
        // the same, since that is what they are sent until someone chooses.
        messageLanguages = Choice.all(AppLanguage.self, prefix: "language", selected: form.messageLanguage ?? defaultLanguage.rawValue)
        self.units = units
        self.showsUnit = showsUnit
        self.caseWorkers = caseWorkers
        languageRows = form.languagePairs.enumerated().map { index, pair in
            LanguageRow(
                index: index, languages: Choice.all(SpokenLanguage.self, prefix: "language-name", selected: pair.code),
                levels: Choice.all(LanguageLevel.self, prefix: "language-level", selected: pair.level))
        }
        let checked = Set(form.targetGroups ?? [])
        targetGroups = TargetGroup.allCases.map {
            CheckOption(value: $0.rawValue, labelKey: "target-group.\($0.rawValue)", isChecked: checked.contains($0.rawValue))
        }
        self.errors = errors
        hasErrors = !errors.isEmpty || taken != .no
        if case .visibleAt(let href) = taken { duplicateHref = href } else { duplicateHref = nil }
        transfer =
            isNew && taken == .elsewhere
            ? TransferOffer(identifierKind: form.identifierKind ?? "", personNumber: form.personNumber ?? "") : nil
    }
}

/// Text fields of the form, as shown again after an error.
struct ParticipantFormValues: Encodable {
    let firstName, lastName, email, phone, postalAddress, personNumber, birthYear, educationField: String

    init(_ form: ParticipantForm) {
        firstName = form.firstName ?? ""
        lastName = form.lastName ?? ""
        email = form.email ?? ""
        phone = form.phone ?? ""
        postalAddress = form.postalAddress ?? ""
        personNumber = form.personNumber ?? ""
        birthYear = form.birthYear ?? ""
        educationField = form.educationField ?? ""
    }
}
