import Fluent
import Foundation
import PraktikCore

/// Registering and changing employers. The register is city-wide: staff of every unit share it.
struct EmployerService: Sendable {
    let database: any Database
    let clock: AppClock

    struct Checked: Sendable {
        let name: String
        let identifier: EmployerIdentifier
        let sector: EmployerSector
        let industry: String
        let employees: Int?
    }

    /// Validates the form with the register's shared rules (`RegisterFields`); throws `FormErrors`
    /// with a message per field.
    func check(_ input: EmployerInput) throws -> Checked {
        var errors = FormErrors()
        var fields = input.registerFields
        let details = fields.employerDetails(defaultSector: nil)
        errors.add(fields.problems, as: EmployerInput.formFields)
        var identifier: EmployerIdentifier?
        do throws(CompanyNumberError) {
            let kind: EmployerIdentifier.Kind =
                switch input.register {
                case "dk": .danishCVR
                case "foreign": .foreign(country: String(input.country.prefix(FieldLimit.code.maximumLength)))
                default: .swedishOrganisationNumber
                }
            identifier = try EmployerIdentifier.parse(kind: kind, raw: String(input.number.prefix(FieldLimit.code.maximumLength)))
        } catch {
            errors.add(error == .invalidCountryCode || error == .domesticCountry ? "country" : "number", error.code)
        }
        try errors.throwIfAny()
        guard let identifier, let details else { throw FormErrors(fields: ["number": FieldText.requiredKey]) }
        return Checked(
            name: details.name, identifier: identifier, sector: details.sector, industry: details.industry, employees: details.employees)
    }

    func create(_ input: EmployerInput, by actor: AuditLog.Actor) async throws -> Employer {
        let checked = try check(input)
        try await refuseDuplicate(checked.identifier, except: nil)
        let employer = Employer()
        apply(checked, to: employer)
        employer.isActive = true
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await employer.create(on: db)
                try await AuditLog(database: db, clock: clock).record(.create, by: actor, recordType: .employer, recordID: employer.id)
            }
        } whenTaken: {
            try await refuseDuplicate(checked.identifier, except: nil)
        }
        return employer
    }

    func update(_ employer: Employer, with input: EmployerInput, by actor: AuditLog.Actor) async throws {
        let checked = try check(input)
        try await refuseDuplicate(checked.identifier, except: employer.id)
        apply(checked, to: employer)
        employer.isActive = input.isActive
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await employer.save(on: db)
                try await AuditLog(database: db, clock: clock).record(.update, by: actor, recordType: .employer, recordID: employer.id)
            }
        } whenTaken: {
            try await refuseDuplicate(checked.identifier, except: employer.id)
        }
    }

    func find(_ id: UUID?) async throws -> Employer {
        guard let id, let employer = try await Employer.find(id, on: database) else { throw AppError.notFound }
        return employer
    }

    /// The form shows a sole trader's full personnummer, which lists and pages mask: opening it is a
    /// view of personal data, audited like any other. Other employers' forms are not.
    func recordFormView(of employer: Employer, by actor: AuditLog.Actor) async throws {
        guard case .swedishOrganisationNumber(let number)? = employer.employerIdentifier, number.isSoleTrader else { return }
        try await AuditLog(database: database, clock: clock).record(
            .view, by: actor, recordType: .employer, recordID: employer.id, detail: "personnummer")
    }

    private func refuseDuplicate(_ identifier: EmployerIdentifier, except id: UUID?) async throws {
        var query = Employer.query(on: database).filter(\.$identifier == identifier.storageValue)
        if let id { query = query.filter(\.$id != id) }
        if let existing = try await query.first(), let existingID = existing.id {
            throw DuplicateEmployer(existingID: existingID, existingName: existing.name)
        }
    }

    private func apply(_ checked: Checked, to employer: Employer) {
        employer.name = checked.name
        employer.identifier = checked.identifier.storageValue
        employer.country = checked.identifier.country
        employer.sector = checked.sector.rawValue
        employer.industry = checked.industry
        employer.employees = checked.employees
        employer.searchText = Employer.searchText(name: checked.name, identifier: checked.identifier, industry: checked.industry)
    }
}

extension EmployerIdentifier {
    /// The two-letter country of the register the number belongs to.
    var country: String {
        switch self {
        case .swedishOrganisationNumber: "SE"
        case .danishCVR: "DK"
        case .foreign(let country, _): country
        }
    }
}
