import Fluent
import Foundation
import PraktikCore

/// Programmes, created by an admin: a code, a name, the kind, the unit that runs it and how long
/// its placements last.
struct ProgrammeService: Sendable {
    let database: any Database
    let clock: AppClock
    let actor: AuditLog.Actor

    struct Input: Sendable {
        var code = ""
        var name = ""
        var kind = ""
        var unitID: UUID?
        var placementMonths = ""
    }

    func create(_ input: Input) async throws -> Programme {
        var errors = FormErrors()
        let code = input.code.trimmingCharacters(in: .whitespaces).lowercased()
        let name = errors.text("name", input.name, .name, required: true)
        if code.isEmpty || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors.add("code", "programme.error.code")
        }
        let kind = ProgrammeKind(rawValue: input.kind)
        if kind == nil { errors.add("kind", "apply.error.choose") }
        let months = Int(input.placementMonths.trimmingCharacters(in: .whitespaces))
        if months == nil || !(1...24).contains(months ?? 0) { errors.add("placementMonths", "intake.error.number") }
        if input.unitID == nil { errors.add("unitID", "programme.error.unit") }
        try errors.throwIfAny()
        guard let unitID = input.unitID, try await OrganisationUnit.find(unitID, on: database) != nil else {
            throw FormErrors(fields: ["unitID": "programme.error.unit"])
        }
        if try await Programme.query(on: database).filter(\.$code == code).first() != nil {
            throw FormErrors.duplicate("code", "programme.error.code-taken")
        }
        let programme = Programme()
        programme.code = code
        programme.name = name
        programme.kind = kind?.rawValue ?? ""
        programme.$unit.id = unitID
        programme.placementMonths = months ?? 4
        try await database.writingTransaction { db in
            try await programme.create(on: db)
            try await AuditLog(database: db, clock: clock).record(.create, by: actor, recordType: .programme, recordID: programme.id)
        }
        return programme
    }

    /// The programmes a user works with.
    func list(in scope: IntakeScope) async throws -> [Programme] {
        var query = Programme.query(on: database).sort(\.$name)
        switch scope.reach {
        case .all: break
        case .unit(let unitID): query = query.filter(\.$unit.$id == unitID)
        case .nothing: return []
        }
        return try await query.all()
    }
}
