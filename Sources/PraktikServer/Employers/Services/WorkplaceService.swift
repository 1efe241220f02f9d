import Fluent
import Foundation
import PraktikCore

/// What a person typed into the workplace form.
struct WorkplaceInput: Sendable {
    var name: String = ""
    var address: String = ""
    var postalCode: String = ""
    var city: String = ""
    var district: String = ""
    var pNumber: String = ""
    var isActive: Bool = true
}

/// Adding and changing workplaces of an employer.
struct WorkplaceService: Sendable {
    let database: any Database
    let clock: AppClock

    /// Validates the form with the register's shared rules (`RegisterFields`).
    func check(_ input: WorkplaceInput) throws -> RegisterRow.Workplace {
        var fields = input.registerFields
        let workplace = fields.workplace()
        var errors = FormErrors()
        errors.add(fields.problems, as: WorkplaceInput.formFields)
        try errors.throwIfAny()
        guard let workplace else { throw FormErrors(fields: ["address": FieldText.requiredKey]) }
        return workplace
    }

    func create(for employer: Employer, _ input: WorkplaceInput, by actor: AuditLog.Actor) async throws -> Workplace {
        let checked = try check(input)
        guard let employerID = employer.id else { throw AppError.notFound }
        try await refuseDuplicate(employerID: employerID, key: checked.naturalKey, except: nil)
        let workplace = Workplace()
        workplace.$employer.id = employerID
        apply(checked, to: workplace)
        workplace.isActive = true
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await workplace.create(on: db)
                try await AuditLog(database: db, clock: clock).record(.create, by: actor, recordType: .workplace, recordID: workplace.id)
            }
        } whenTaken: {
            try await refuseDuplicate(employerID: employerID, key: checked.naturalKey, except: nil)
        }
        return workplace
    }

    func update(_ workplace: Workplace, with input: WorkplaceInput, by actor: AuditLog.Actor) async throws {
        let checked = try check(input)
        try await refuseDuplicate(employerID: workplace.$employer.id, key: checked.naturalKey, except: workplace.id)
        apply(checked, to: workplace)
        workplace.isActive = input.isActive
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await workplace.save(on: db)
                try await AuditLog(database: db, clock: clock).record(.update, by: actor, recordType: .workplace, recordID: workplace.id)
            }
        } whenTaken: {
            try await refuseDuplicate(employerID: workplace.$employer.id, key: checked.naturalKey, except: workplace.id)
        }
    }

    func find(_ id: UUID?) async throws -> Workplace {
        guard let id, let workplace = try await Workplace.find(id, on: database) else { throw AppError.notFound }
        return workplace
    }

    /// An employer's workplaces, by name and then address.
    func workplaces(of employerID: UUID) async throws -> [Workplace] {
        try await Workplace.query(on: database).filter(\.$employer.$id == employerID).sort(\.$name).sort(\.$address).all()
    }

    private func refuseDuplicate(employerID: UUID, key: String, except id: UUID?) async throws {
        var query = Workplace.query(on: database).filter(\.$employer.$id == employerID).filter(\.$naturalKey == key)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw FormErrors.duplicate("address", "workplace.duplicate")
        }
    }

    private func apply(_ checked: RegisterRow.Workplace, to workplace: Workplace) {
        workplace.name = checked.name
        workplace.address = checked.address
        workplace.postalCode = checked.postalCode
        workplace.city = checked.city
        workplace.district = checked.district
        workplace.pNumber = checked.pNumber?.storageValue
        workplace.naturalKey = checked.naturalKey
    }
}
