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

    /// Validates the form; throws `FormErrors` with a message per field.
    func check(_ input: EmployerInput) throws -> Checked {
        var errors = FormErrors()
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.add("name", "form.required") }
        if name.count > RegisterFile.maximumNameLength { errors.add("name", "import.row.too-long") }
        var identifier: EmployerIdentifier?
        do throws(CompanyNumberError) {
            let kind: EmployerIdentifier.Kind =
                switch input.register {
                case "dk": .danishCVR
                case "foreign": .foreign(country: input.country)
                default: .swedishOrganisationNumber
                }
            identifier = try EmployerIdentifier.parse(kind: kind, raw: input.number)
        } catch {
            errors.add(error == .invalidCountryCode || error == .domesticCountry ? "country" : "number", error.code)
        }
        let sector = EmployerSector(rawValue: input.sector)
        if sector == nil { errors.add("sector", "form.required") }
        var employees: Int?
        let employeesText = input.employees.trimmingCharacters(in: .whitespaces)
        if !employeesText.isEmpty {
            if let value = Int(employeesText), value >= 0, value <= 10_000_000 {
                employees = value
            } else {
                errors.add("employees", "form.number")
            }
        }
        try errors.throwIfAny()
        guard let identifier, let sector else { throw FormErrors(fields: ["number": "form.required"]) }
        return Checked(
            name: name, identifier: identifier, sector: sector,
            industry: input.industry.trimmingCharacters(in: .whitespacesAndNewlines), employees: employees)
    }

    func create(_ input: EmployerInput, by actor: AuditLog.Actor) async throws -> Employer {
        let checked = try check(input)
        try await refuseDuplicate(checked.identifier, except: nil)
        let employer = Employer()
        apply(checked, to: employer)
        employer.isActive = true
        do {
            try await database.transaction { db in
                try await employer.create(on: db)
                try await AuditLog(database: db, clock: clock).record(.create, by: actor, recordType: .employer, recordID: employer.id)
            }
        } catch {
            // Two people registered the same number at the same moment: the unique index decided,
            // and the second is pointed at the first like any other duplicate.
            if let failure = error as? any DatabaseError, failure.isConstraintFailure {
                try await refuseDuplicate(checked.identifier, except: nil)
            }
            throw error
        }
        return employer
    }

    func update(_ employer: Employer, with input: EmployerInput, by actor: AuditLog.Actor) async throws {
        let checked = try check(input)
        try await refuseDuplicate(checked.identifier, except: employer.id)
        apply(checked, to: employer)
        employer.isActive = input.isActive
        try await database.transaction { db in
            try await employer.save(on: db)
            try await AuditLog(database: db, clock: clock).record(.update, by: actor, recordType: .employer, recordID: employer.id)
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
