import Foundation
import PraktikCore

/// The steps of the application form. Each step is checked when the applicant goes on; the last
/// one checks everything again, since earlier answers travel in the page as hidden fields.
enum ApplicationStep: Int, CaseIterable, Sendable, Comparable {
    case aboutYou = 1
    case education = 2
    case situation = 3
    case wishes = 4
    case consent = 5

    static func < (lhs: ApplicationStep, rhs: ApplicationStep) -> Bool { lhs.rawValue < rhs.rawValue }

    var next: ApplicationStep? { ApplicationStep(rawValue: rawValue + 1) }
    var previous: ApplicationStep? { ApplicationStep(rawValue: rawValue - 1) }
}

/// How the applicant identifies: a Swedish personnummer or samordningsnummer, a Danish CPR
/// number, or name and birth date for someone without either.
enum ApplicantIdentification: String, CaseIterable, Sendable {
    case swedish = "swedish_personal_number"
    case danish = "danish_cpr"
    case none
}

/// A yes / no / "I do not know" answer.
enum ApplicantAnswer: String, CaseIterable, Sendable {
    case yes
    case no
    case unknown

    var flag: Bool? {
        switch self {
        case .yes: true
        case .no: false
        case .unknown: nil
        }
    }

    init(_ flag: Bool?) { self = flag.map { $0 ? .yes : .no } ?? .unknown }
}

/// What an applicant typed, before validation: every field as text, so the form can show it
/// again exactly as typed.
struct ApplicationInput: Sendable, Equatable {
    var identification = ApplicantIdentification.swedish.rawValue
    var personNumber = ""
    var firstName = ""
    var lastName = ""
    var birthDate = ""
    var email = ""
    var phone = ""
    var postalAddress = ""
    var gender = ""
    var birthRegion = ""
    var homeDistrict = ""

    var educationLevel = ""
    var educationField = ""
    var educationCountry = ""
    var educationYear = ""
    var upperSecondaryFullGrades = ""
    var languages: [Pair] = []

    var registeredAsJobSeeker = ""
    var permitKind = ""
    var permitEnd = ""
    var currentOccupation = ""
    var swedishWorkMonths = ""
    var availableFrom = ""

    var preferredFields: [String] = []
    var preferredDistricts: [String] = []

    /// Purpose code to "yes" when its box was ticked.
    var consents: [String: Bool] = [:]
    /// Purpose code to the version of the text the applicant was shown.
    var consentVersions: [String: String] = [:]

    struct Pair: Sendable, Equatable {
        var language: String
        var level: String
    }

    static let languageRows = 4
    static let maximumPreferredFields = 3
}

/// The validated application: every answer typed.
struct ValidApplication: Sendable {
    var identifierKind: IdentifierKind
    var identifier: PersonIdentifier
    var firstName: String
    var lastName: String
    var birthDate: CivilDate?
    var email: String
    var phone: String?
    var postalAddress: String?
    var gender: Gender
    var birthRegion: BirthRegion
    var homeDistrict: String?
    var educationLevel: EducationLevel
    var educationField: EducationField?
    var educationCountry: String?
    var educationYear: Int?
    var upperSecondaryFullGrades: Bool?
    var languages: [SpokenLanguage: LanguageLevel]
    var registeredAsJobSeeker: Bool?
    var permit: PermitKind
    var permitEnd: CivilDate?
    var currentOccupation: CurrentOccupation
    var swedishWorkMonths: Int
    var availableFrom: CivilDate?
    var preferredFields: [EducationField]
    var preferredDistricts: [String]
    /// Purpose codes the applicant agreed to, each with the text version shown.
    var consents: [String: Int]

    var birthYear: Int? { identifier.birthDate?.year ?? birthDate?.year }
}

/// What the validation needs to know besides the input.
struct ApplicationFormContext: Sendable {
    var today: CivilDate
    /// The districts offered as choices; anything else is refused.
    var districts: Set<String>
    /// Purpose code to the current version of its text, for the boxes shown on the last step.
    var consentPurposes: [String: Int]
    /// Purposes without which an application cannot be assessed.
    var requiredConsents: Set<String>
}

extension ApplicationInput {
    /// Checks the fields of `step` and collects every problem, so the page shows them all at once.
    func problems(in step: ApplicationStep, context: ApplicationFormContext) -> FormErrors {
        var errors = FormErrors()
        var valid = ValidApplication.empty
        check(step, context: context, into: &valid, errors: &errors)
        return errors
    }

    /// Checks every step. On failure the errors name the first step with a problem.
    func validated(context: ApplicationFormContext, steps: [ApplicationStep] = ApplicationStep.allCases) -> Result<
        ValidApplication, StepErrors
    > {
        var valid = ValidApplication.empty
        for step in steps {
            var errors = FormErrors()
            check(step, context: context, into: &valid, errors: &errors)
            if !errors.isEmpty { return .failure(StepErrors(step: step, errors: errors)) }
        }
        return .success(valid)
    }

    struct StepErrors: Error, Sendable {
        let step: ApplicationStep
        let errors: FormErrors
    }

    private func check(
        _ step: ApplicationStep, context: ApplicationFormContext, into valid: inout ValidApplication, errors: inout FormErrors
    ) {
        func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
        func text(_ field: String, _ value: String, _ limit: FieldLimit, required: Bool) -> String? {
            let value = errors.text(field, value, limit, required: required)
            return value.isEmpty ? nil : value
        }
        func date(_ field: String, _ value: String, required: Bool) -> CivilDate? {
            let value = trimmed(value)
            if value.isEmpty {
                if required { errors.add(field, "form.required") }
                return nil
            }
            guard let date = CivilDate(iso8601: value) else {
                errors.add(field, "apply.error.date")
                return nil
            }
            return date
        }
        func choice<Value: RawRepresentable>(_ field: String, _ value: String, as type: Value.Type) -> Value?
        where Value.RawValue == String {
            guard !value.isEmpty else {
                errors.add(field, "apply.error.choose")
                return nil
            }
            guard let parsed = Value(rawValue: value) else {
                errors.add(field, "apply.error.choose")
                return nil
            }
            return parsed
        }

        switch step {
        case .aboutYou:
            valid.firstName = text("firstName", firstName, .personName, required: true) ?? ""
            valid.lastName = text("lastName", lastName, .personName, required: true) ?? ""
            let email = errors.text("email", email, .email, required: true).lowercased()
            if !email.isEmpty && errors.fields["email"] == nil && !EmailAddress.looksValid(email) {
                errors.add("email", "apply.error.email")
            }
            valid.email = email
            valid.phone = text("phone", phone, .phone, required: false)
            valid.postalAddress = text("postalAddress", postalAddress, .address, required: false)
            switch ApplicantIdentification(rawValue: identification) {
            case .swedish?:
                valid.identifierKind = .swedishPersonalNumber
                if trimmed(personNumber).isEmpty {
                    errors.add("personNumber", "apply.error.person-number.required")
                } else {
                    do { valid.identifier = .swedish(try SwedishPersonalNumber(parsing: personNumber, referenceDate: context.today)) } catch
                    {
                        errors.add("personNumber", error.code)
                    }
                }
            case .danish?:
                valid.identifierKind = .danishCPR
                if trimmed(personNumber).isEmpty {
                    errors.add("personNumber", "apply.error.person-number.required")
                } else {
                    do { valid.identifier = .danishCPR(try DanishCPRNumber(parsing: personNumber, referenceDate: context.today)) } catch {
                        errors.add("personNumber", error.code)
                    }
                }
            case .none?:
                valid.identifierKind = .foreign
                valid.identifier = .none
                if let birth = date("birthDate", birthDate, required: true) {
                    let age = context.today.year - birth.year
                    if birth >= context.today || !(15...100).contains(age) {
                        errors.add("birthDate", "apply.error.birth-date")
                    } else {
                        valid.birthDate = birth
                    }
                }
            case nil:
                errors.add("identification", "apply.error.choose")
            }
            valid.gender = choice("gender", gender, as: Gender.self) ?? .notStated
            valid.birthRegion = choice("birthRegion", birthRegion, as: BirthRegion.self) ?? .notStated
            let district = trimmed(homeDistrict)
            if !district.isEmpty && !context.districts.contains(district) { errors.add("homeDistrict", "apply.error.choose") }
            valid.homeDistrict = district.isEmpty ? nil : district

        case .education:
            let level = choice("educationLevel", educationLevel, as: EducationLevel.self) ?? .unknown
            valid.educationLevel = level
            if educationField.isEmpty {
                if level == .postSecondaryShort || level == .postSecondaryLong { errors.add("educationField", "apply.error.degree-field") }
            } else if let field = EducationField(rawValue: educationField) {
                valid.educationField = field
            } else {
                errors.add("educationField", "apply.error.choose")
            }
            valid.educationCountry = text("educationCountry", educationCountry, .name, required: false)
            let year = trimmed(educationYear)
            if !year.isEmpty {
                if let parsed = Int(year), (1950...(context.today.year + 1)).contains(parsed) {
                    valid.educationYear = parsed
                } else {
                    errors.add("educationYear", "apply.error.year")
                }
            }
            if upperSecondaryFullGrades.isEmpty {
                valid.upperSecondaryFullGrades = nil
            } else if let answer = ApplicantAnswer(rawValue: upperSecondaryFullGrades) {
                valid.upperSecondaryFullGrades = answer.flag
            } else {
                errors.add("upperSecondaryFullGrades", "apply.error.choose")
            }
            var languages: [SpokenLanguage: LanguageLevel] = [:]
            for pair in self.languages where !pair.language.isEmpty {
                guard let language = SpokenLanguage(rawValue: pair.language), let level = LanguageLevel(rawValue: pair.level) else {
                    errors.add("languages", "apply.error.language")
                    continue
                }
                languages[language] = max(languages[language] ?? level, level)
            }
            if languages.isEmpty && errors.fields["languages"] == nil { errors.add("languages", "apply.error.languages-required") }
            valid.languages = languages

        case .situation:
            valid.registeredAsJobSeeker = choice("registeredAsJobSeeker", registeredAsJobSeeker, as: ApplicantAnswer.self)?.flag
            let permit = choice("permitKind", permitKind, as: PermitKind.self) ?? .none
            valid.permit = permit
            if permit == .temporary {
                if let end = date("permitEnd", permitEnd, required: true) {
                    if end < context.today { errors.add("permitEnd", "apply.error.permit-end-past") } else { valid.permitEnd = end }
                }
            } else if !trimmed(permitEnd).isEmpty {
                valid.permitEnd = date("permitEnd", permitEnd, required: false)
            }
            valid.currentOccupation = choice("currentOccupation", currentOccupation, as: CurrentOccupation.self) ?? .other
            let months = trimmed(swedishWorkMonths)
            if months.isEmpty {
                errors.add("swedishWorkMonths", "form.required")
            } else if let parsed = Int(months), (0...600).contains(parsed) {
                valid.swedishWorkMonths = parsed
            } else {
                errors.add("swedishWorkMonths", "apply.error.months")
            }
            valid.availableFrom = date("availableFrom", availableFrom, required: false)

        case .wishes:
            var fields: [EducationField] = []
            for value in preferredFields {
                guard let field = EducationField(rawValue: value) else {
                    errors.add("preferredFields", "apply.error.choose")
                    continue
                }
                if !fields.contains(field) { fields.append(field) }
            }
            if fields.count > Self.maximumPreferredFields { errors.add("preferredFields", "apply.error.too-many-fields") }
            valid.preferredFields = fields
            var districts: [String] = []
            for value in preferredDistricts {
                guard context.districts.contains(value) else {
                    errors.add("preferredDistricts", "apply.error.choose")
                    continue
                }
                if !districts.contains(value) { districts.append(value) }
            }
            valid.preferredDistricts = districts

        case .consent:
            var agreed: [String: Int] = [:]
            for (code, version) in context.consentPurposes where consents[code] == true {
                guard consentVersions[code] == String(version) else {
                    errors.add("consent-\(code)", "apply.error.consent-text-changed")
                    continue
                }
                agreed[code] = version
            }
            for code in context.requiredConsents where consents[code] != true {
                errors.add("consent-\(code)", "apply.error.consent-required")
            }
            valid.consents = agreed
        }
    }
}

extension ValidApplication {
    /// A starting value that every step fills in.
    static let empty = ValidApplication(
        identifierKind: .foreign, identifier: .none, firstName: "", lastName: "", birthDate: nil, email: "", phone: nil,
        postalAddress: nil, gender: .notStated, birthRegion: .notStated, homeDistrict: nil, educationLevel: .unknown,
        educationField: nil, educationCountry: nil, educationYear: nil, upperSecondaryFullGrades: nil, languages: [:],
        registeredAsJobSeeker: nil, permit: .none, permitEnd: nil, currentOccupation: .other, swedishWorkMonths: 0,
        availableFrom: nil, preferredFields: [], preferredDistricts: [], consents: [:])
}
