import Foundation
import PraktikCore
import Vapor

/// Everything one step of the application form shows.
struct ApplyPage: Encodable {
    struct StepItem: Encodable {
        let number: Int
        let labelKey: String
        let isCurrent: Bool
        let isDone: Bool
    }

    struct Hidden: Encodable {
        let name: String
        let value: String
    }

    struct LanguageRow: Encodable {
        let index: Int
        let languages: [Choice]
        let levels: [Choice]
    }

    struct CheckOption: Encodable {
        let value: String
        let labelKey: String
        let label: String?
        let isChecked: Bool
        let id: String
    }

    struct ConsentBox: Encodable {
        let field: String
        let versionField: String
        let labelKey: String
        let text: String
        let version: Int
        let isChecked: Bool
        let isRequired: Bool
        let errorKey: String?
    }

    struct SummaryRow: Encodable {
        let labelKey: String
        let value: String
        let valueKey: String?
        /// The languages row: each language and level by its translation key, not its stored code.
        let languages: [LanguageAnswer]
        let hasLanguages: Bool

        init(labelKey: String, value: String, valueKey: String?, languages: [LanguageAnswer] = []) {
            self.labelKey = labelKey
            self.value = value
            self.valueKey = valueKey
            self.languages = languages
            self.hasLanguages = !languages.isEmpty
        }
    }

    struct LanguageAnswer: Encodable {
        let nameKey: String
        let levelKey: String
    }

    let intakeName: String
    let closesOn: String
    let action: String
    let step: Int
    let stepCount: Int
    let stepTitleKey: String
    let steps: [StepItem]
    let isAboutYou: Bool
    let isEducation: Bool
    let isSituation: Bool
    let isWishes: Bool
    let isConsent: Bool
    let hasPrevious: Bool
    let submissionKey: String
    let hidden: [Hidden]
    let values: [String: String]
    let errors: [String: String]
    let hasErrors: Bool
    let identifications: [Choice]
    let genders: [Choice]
    let birthRegions: [Choice]
    let districts: [Choice]
    let educationLevels: [Choice]
    let educationFields: [Choice]
    let gradeAnswers: [Choice]
    let registrationAnswers: [Choice]
    let permitKinds: [Choice]
    let occupations: [Choice]
    let languageRows: [LanguageRow]
    let preferredFields: [CheckOption]
    let preferredDistricts: [CheckOption]
    let consents: [ConsentBox]
    let summary: [SummaryRow]
    let workMonthsLabelKey: String
    let throttledMinutes: Int?
    let isThrottled: Bool

    struct Inputs {
        var intake: Intake
        var programme: Programme
        var step: ApplicationStep
        var input: ApplicationInput
        var submissionKey: String
        var errors: [String: String]
        var districts: [String]
        var purposes: [ConsentService.PurposeRow]
        var language: AppLanguage
        var throttledSeconds: Int?
    }

    init(_ inputs: Inputs) {
        let step = inputs.step, input = inputs.input
        intakeName = inputs.intake.name
        closesOn =
            CivilDate(iso8601: inputs.intake.closesOn).map { ApplicantMessages.dateText($0, in: inputs.language) } ?? inputs.intake.closesOn
        action = SiteURL.applyIntake(inputs.intake.id).path
        self.step = step.rawValue
        stepCount = ApplicationStep.allCases.count
        stepTitleKey = Self.titleKey(step)
        steps = ApplicationStep.allCases.map {
            StepItem(number: $0.rawValue, labelKey: Self.titleKey($0), isCurrent: $0 == step, isDone: $0 < step)
        }
        isAboutYou = step == .aboutYou
        isEducation = step == .education
        isSituation = step == .situation
        isWishes = step == .wishes
        isConsent = step == .consent
        hasPrevious = step.previous != nil
        submissionKey = inputs.submissionKey
        hidden = ApplicationStep.allCases.filter { $0 != step }.flatMap { input.formFields(of: $0) }
            .filter { !$0.value.isEmpty }.map { Hidden(name: $0.name, value: $0.value) }
        values = Dictionary(
            input.formFields(of: step).filter { !$0.name.hasSuffix("[]") }.map { ($0.name, $0.value) },
            uniquingKeysWith: { first, _ in first })
        errors = inputs.errors
        hasErrors = !inputs.errors.isEmpty
        identifications = Choice.all(ApplicantIdentification.self, prefix: "apply.identification", selected: input.identification)
        genders = Choice.all(Gender.self, prefix: "apply.gender", selected: input.gender)
        birthRegions = Choice.all(BirthRegion.self, prefix: "apply.birth-region", selected: input.birthRegion)
        districts = inputs.districts.map { Choice(value: $0, label: $0, isSelected: $0 == input.homeDistrict) }
        educationLevels = Choice.all(EducationLevel.self, prefix: "apply.education-level", selected: input.educationLevel)
        educationFields = Choice.all(EducationField.self, prefix: "education-field", selected: input.educationField)
        gradeAnswers = Choice.all(ApplicantAnswer.self, prefix: "apply.answer", selected: input.upperSecondaryFullGrades)
        registrationAnswers = Choice.all(ApplicantAnswer.self, prefix: "apply.answer", selected: input.registeredAsJobSeeker)
        permitKinds = Choice.all(PermitKind.self, prefix: "apply.permit", selected: input.permitKind)
        occupations = Choice.all(CurrentOccupation.self, prefix: "apply.occupation", selected: input.currentOccupation)
        let pairs = (0..<ApplicationInput.languageRows).map { index in
            index < input.languages.count ? input.languages[index] : ApplicationInput.Pair(language: "", level: "")
        }
        languageRows = pairs.enumerated().map { index, pair in
            LanguageRow(
                index: index, languages: Choice.all(SpokenLanguage.self, prefix: "language-name", selected: pair.language),
                levels: Choice.all(LanguageLevel.self, prefix: "language-level", selected: pair.level))
        }
        let chosenFields = Set(input.preferredFields)
        preferredFields = EducationField.allCases.map {
            CheckOption(
                value: $0.rawValue, labelKey: "education-field.\($0.rawValue)", label: nil, isChecked: chosenFields.contains($0.rawValue),
                id: "field-\($0.rawValue)")
        }
        let chosenDistricts = Set(input.preferredDistricts)
        preferredDistricts = inputs.districts.enumerated().map { index, district in
            CheckOption(
                value: district, labelKey: "", label: district, isChecked: chosenDistricts.contains(district), id: "district-\(index)")
        }
        consents = ApplicationService.consentPurposes.compactMap { purpose in
            guard let row = inputs.purposes.first(where: { $0.code == purpose.rawValue }) else { return nil }
            let field = purpose == .programmePartners ? "consentProgrammePartners" : "consentEmployerProfile"
            return ConsentBox(
                field: field,
                versionField: purpose == .programmePartners ? "consentVersionProgrammePartners" : "consentVersionEmployerProfile",
                labelKey: "apply.consent.\(purpose.rawValue)", text: row.text(in: inputs.language),
                version: row.text_version, isChecked: input.consents[purpose.rawValue] == true,
                isRequired: ApplicationService.requiredConsents.contains(purpose.rawValue),
                errorKey: inputs.errors["consent-\(purpose.rawValue)"])
        }
        summary = step == .consent ? Self.summary(of: input) : []
        workMonthsLabelKey =
            ProgrammeKind(rawValue: inputs.programme.kind) == .companyInternship
            ? "apply.field.work-months.denmark" : "apply.field.work-months.sweden"
        throttledMinutes = inputs.throttledSeconds.map { max(1, ($0 + 59) / 60) }
        isThrottled = inputs.throttledSeconds != nil
    }

    static func titleKey(_ step: ApplicationStep) -> String {
        switch step {
        case .aboutYou: "apply.step.about-you"
        case .education: "apply.step.education"
        case .situation: "apply.step.situation"
        case .wishes: "apply.step.wishes"
        case .consent: "apply.step.consent"
        }
    }

    /// The answers shown for a last look before sending.
    static func summary(of input: ApplicationInput) -> [SummaryRow] {
        func row(_ label: String, _ value: String) -> SummaryRow {
            SummaryRow(labelKey: label, value: value.isEmpty ? "–" : value, valueKey: nil)
        }
        func coded(_ label: String, _ prefix: String, _ value: String) -> SummaryRow {
            value.isEmpty ? row(label, "") : SummaryRow(labelKey: label, value: "", valueKey: "\(prefix).\(value)")
        }
        let languages = input.languages.filter { !$0.language.isEmpty }.map {
            LanguageAnswer(nameKey: "language-name.\($0.language)", levelKey: "language-level.\($0.level)")
        }
        return [
            row("apply.field.name", [input.firstName, input.lastName].joined(separator: " ")),
            row("apply.field.person-number", input.personNumber.isEmpty ? input.birthDate : input.personNumber),
            row("apply.field.email", input.email),
            coded("apply.field.education-level", "apply.education-level", input.educationLevel),
            coded("apply.field.education-field", "education-field", input.educationField),
            languages.isEmpty
                ? row("apply.field.languages", "")
                : SummaryRow(labelKey: "apply.field.languages", value: "", valueKey: nil, languages: languages),
            coded("apply.field.registered", "apply.answer", input.registeredAsJobSeeker),
            coded("apply.field.permit", "apply.permit", input.permitKind),
            row("apply.field.permit-end", input.permitEnd),
            row("apply.field.work-months", input.swedishWorkMonths),
        ]
    }
}
