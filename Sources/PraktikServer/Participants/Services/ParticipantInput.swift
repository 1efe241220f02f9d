import Foundation
import PraktikCore

/// What a case worker typed into the participant form, before validation.
struct ParticipantInput: Sendable {
    var firstName = ""
    var lastName = ""
    var email = ""
    var phone = ""
    var postalAddress = ""
    var identifierKind = IdentifierKind.swedishPersonalNumber.rawValue
    var personNumber = ""
    var birthYear = ""
    var gender = ""
    var birthRegion = ""
    var educationLevel = ""
    var educationField = ""
    var benefitType = ""
    var messageLanguage = ""
    var unitID: UUID?
    var responsibleUserID: UUID?
    var languages: [(code: String, level: String)] = []
    var targetGroups: [String] = []
}

/// The validated form: every field typed, the identifier parsed.
struct ValidParticipant: Sendable {
    var firstName: String
    var lastName: String
    var email: String?
    var phone: String?
    var postalAddress: String?
    var identifierKind: IdentifierKind
    var identifier: PersonIdentifier
    var birthYear: Int?
    var gender: Gender
    var birthRegion: BirthRegion
    var educationLevel: EducationLevel
    var educationField: String?
    var benefitType: BenefitType
    /// Nil: not recorded; the person gets the installation's language.
    var messageLanguage: AppLanguage?
    var responsibleUserID: UUID?
    var languages: [SpokenLanguage: LanguageLevel]
    var targetGroups: Set<TargetGroup>
}

extension ParticipantInput {
    /// Checks every field and collects every problem, so the form shows them all at once. Target
    /// groups with an age rule are checked against the age on `registeredOn` (the day of
    /// registration, also when the record is edited later).
    func validated(today: CivilDate, registeredOn: CivilDate) -> Result<ValidParticipant, FormErrors> {
        var errors = FormErrors()
        /// Free text within its limit (`FieldLimit`); nil when left empty.
        func optional(_ field: String, _ text: String, _ limit: FieldLimit) -> String? {
            let checked = errors.text(field, text, limit)
            return checked.isEmpty ? nil : checked
        }

        let firstName = errors.text("firstName", firstName, .personName, required: true)
        let lastName = errors.text("lastName", lastName, .personName, required: true)
        let email = optional("email", email, .email)?.lowercased()
        if let email, errors.fields["email"] == nil, !EmailAddress.looksValid(email) { errors.add("email", "form.email.invalid") }
        let phone = optional("phone", phone, .phone)
        let postalAddress = optional("postalAddress", postalAddress, .address)
        let educationField = optional("educationField", educationField, .name)
        // A number is at most 13 characters as written; a longer text is not read at all.
        let personNumber = errors.text("personNumber", personNumber, .code)

        let kind = IdentifierKind(rawValue: identifierKind)
        var identifier = PersonIdentifier.none
        if let kind {
            switch Self.identifier(personNumber, as: kind, today: today) {
            case .success(let read): identifier = read
            case .failure(let problem): errors.add("personNumber", problem.messageKey)
            }
        } else {
            errors.add("identifierKind", "form.required")
        }

        var birthYear = identifier.birthDate?.year
        if birthYear == nil, let typed = optional("birthYear", self.birthYear, .code) {
            if let year = Int(typed), (today.year - 100)...(today.year - 14) ~= year {
                birthYear = year
            } else {
                errors.add("birthYear", "participant.birth-year.invalid")
            }
        }

        let gender = Gender(rawValue: gender)
        if gender == nil { errors.add("gender", "form.required") }
        let birthRegion = BirthRegion(rawValue: birthRegion)
        if birthRegion == nil { errors.add("birthRegion", "form.required") }
        let educationLevel = EducationLevel(rawValue: educationLevel)
        if educationLevel == nil { errors.add("educationLevel", "form.required") }
        let benefitType = BenefitType(rawValue: benefitType)
        if benefitType == nil { errors.add("benefitType", "form.required") }
        let messageLanguage = AppLanguage(rawValue: messageLanguage)
        if messageLanguage == nil, !self.messageLanguage.isEmpty { errors.add("messageLanguage", "form.required") }

        var languages: [SpokenLanguage: LanguageLevel] = [:]
        for (code, level) in self.languages where !code.isEmpty {
            guard let language = SpokenLanguage(rawValue: code), let parsedLevel = LanguageLevel(rawValue: level) else {
                errors.add("languages", "participant.languages.invalid")
                continue
            }
            languages[language] = max(languages[language] ?? parsedLevel, parsedLevel)
        }
        var groups: Set<TargetGroup> = []
        for tag in targetGroups {
            guard let group = TargetGroup(rawValue: tag) else {
                errors.add("targetGroups", "participant.target-groups.invalid")
                continue
            }
            if let refusal = group.ageRefusal(birthDate: identifier.birthDate, birthYear: birthYear, registeredOn: registeredOn) {
                errors.add("targetGroups", refusal)
            }
            groups.insert(group)
        }

        guard errors.isEmpty, let kind, let gender, let birthRegion, let educationLevel, let benefitType else {
            return .failure(errors)
        }
        return .success(
            ValidParticipant(
                firstName: firstName, lastName: lastName, email: email, phone: phone,
                postalAddress: postalAddress, identifierKind: kind, identifier: identifier, birthYear: birthYear,
                gender: gender, birthRegion: birthRegion, educationLevel: educationLevel, educationField: educationField,
                benefitType: benefitType, messageLanguage: messageLanguage, responsibleUserID: responsibleUserID, languages: languages,
                targetGroups: groups))
    }
}

extension ParticipantInput {
    /// Why a typed person number cannot be read; `messageKey` is shown next to the field.
    struct IdentifierProblem: Error, Equatable {
        let messageKey: String
    }

    /// A person number as typed, read as `kind` says: a Swedish or Danish number parsed and checked,
    /// nothing for a protected or foreign identity (which must leave the field empty).
    static func identifier(_ typed: String, as kind: IdentifierKind, today: CivilDate) -> Result<PersonIdentifier, IdentifierProblem> {
        switch kind {
        case .swedishPersonalNumber:
            do { return .success(.swedish(try SwedishPersonalNumber(parsing: typed, referenceDate: today))) } catch {
                return .failure(IdentifierProblem(messageKey: error.code))
            }
        case .danishCPR:
            do { return .success(.danishCPR(try DanishCPRNumber(parsing: typed, referenceDate: today))) } catch {
                return .failure(IdentifierProblem(messageKey: error.code))
            }
        case .protected, .foreign:
            let empty = typed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            return empty ? .success(.none) : .failure(IdentifierProblem(messageKey: "participant.person-number.not-for-kind"))
        }
    }
}
