import Fluent
import Foundation
import PraktikCore

/// Writes an applicant's answers into the application's columns and child tables, and reads them
/// back into the form's text fields.
struct ApplicationAnswers: Sendable {
    let database: any Database

    /// Every answer of a new application.
    func fill(_ application: IntakeApplication, from valid: ValidApplication) {
        application.firstName = valid.firstName
        application.lastName = valid.lastName
        application.email = valid.email
        application.phone = valid.phone
        application.postalAddress = valid.postalAddress
        application.birthDate = valid.birthDate?.description
        application.gender = valid.gender.rawValue
        application.birthRegion = valid.birthRegion.rawValue
        application.homeDistrict = valid.homeDistrict
        application.registeredAsJobSeeker = valid.registeredAsJobSeeker
        application.educationLevel = valid.educationLevel.rawValue
        application.educationField = valid.educationField?.rawValue
        application.educationCountry = valid.educationCountry
        application.educationYear = valid.educationYear
        application.upperSecondaryFullGrades = valid.upperSecondaryFullGrades
        application.swedishWorkMonths = valid.swedishWorkMonths
        application.permitKind = valid.permit.rawValue
        application.permitEnd = valid.permitEnd?.description
        application.currentOccupation = valid.currentOccupation.rawValue
        application.availableFrom = valid.availableFrom?.description
    }

    /// The languages and wishes of a saved application.
    func insertChildren(of application: IntakeApplication, from valid: ValidApplication) async throws {
        let id = try application.requireID()
        try await replaceLanguages(of: application, with: valid.languages)
        for field in valid.preferredFields {
            let row = ApplicationPreferredField()
            row.$application.id = id
            row.$participant.id = application.$participant.id
            row.field = field.rawValue
            try await row.create(on: database)
        }
        for district in valid.preferredDistricts {
            let row = ApplicationPreferredDistrict()
            row.$application.id = id
            row.$participant.id = application.$participant.id
            row.district = district
            try await row.create(on: database)
        }
    }

    /// Changes only `fields` of a saved application (a completion answer or a case worker's correction).
    func apply(_ valid: ValidApplication, fields: Set<ApplicantField>, to application: IntakeApplication) async throws {
        for field in fields {
            switch field {
            case .registeredAsJobSeeker: application.registeredAsJobSeeker = valid.registeredAsJobSeeker
            case .educationLevel: application.educationLevel = valid.educationLevel.rawValue
            case .educationField: application.educationField = valid.educationField?.rawValue
            case .upperSecondaryFullGrades: application.upperSecondaryFullGrades = valid.upperSecondaryFullGrades
            case .swedishWorkExperience: application.swedishWorkMonths = valid.swedishWorkMonths
            case .permit: application.permitKind = valid.permit.rawValue
            case .permitEndDate: application.permitEnd = valid.permitEnd?.description
            case .languages: try await replaceLanguages(of: application, with: valid.languages)
            case .birthRegion, .previousPlacements: break
            }
        }
        try await application.save(on: database)
    }

    private func replaceLanguages(of application: IntakeApplication, with languages: [SpokenLanguage: LanguageLevel]) async throws {
        let id = try application.requireID()
        try await ApplicationLanguage.query(on: database).filter(\.$application.$id == id).delete()
        for (language, level) in languages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let row = ApplicationLanguage()
            row.$application.id = id
            row.$participant.id = application.$participant.id
            row.language = language.rawValue
            row.level = level.rawValue
            try await row.create(on: database)
        }
    }

    /// The saved answers as form text, for a completion form or a correction.
    func input(of application: IntakeApplication) async throws -> ApplicationInput {
        let id = try application.requireID()
        var input = ApplicationInput()
        input.firstName = application.firstName ?? ""
        input.lastName = application.lastName ?? ""
        input.email = application.email ?? ""
        input.gender = application.gender
        input.birthRegion = application.birthRegion
        input.registeredAsJobSeeker = ApplicantAnswer(application.registeredAsJobSeeker).rawValue
        input.educationLevel = application.educationLevel
        input.educationField = application.educationField ?? ""
        input.educationCountry = application.educationCountry ?? ""
        input.educationYear = application.educationYear.map(String.init) ?? ""
        input.upperSecondaryFullGrades = application.upperSecondaryFullGrades.map { ApplicantAnswer($0).rawValue } ?? ""
        input.swedishWorkMonths = application.swedishWorkMonths.map(String.init) ?? ""
        input.permitKind = application.permitKind ?? ""
        input.permitEnd = application.permitEnd ?? ""
        input.currentOccupation = application.currentOccupation ?? ""
        input.availableFrom = application.availableFrom ?? ""
        input.languages = try await ApplicationLanguage.query(on: database).filter(\.$application.$id == id).all()
            .sorted { $0.language < $1.language }.map { ApplicationInput.Pair(language: $0.language, level: $0.level) }
        return input
    }
}
