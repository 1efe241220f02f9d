import Fluent
import PraktikCore
import Foundation
import SQLKit

/// Units (job centres, districts, programme operators), managed by the admin.
struct UnitService: Sendable {
    let database: any Database

    struct Input: Sendable {
        var name: String
        var code: String
        var kind: UnitKind?
        var isActive: Bool
    }

    struct Row: Decodable, Encodable, Sendable {
        let id: UUID
        let name: String
        let code: String
        let kind: String
        let is_active: Bool
        let people: Int
    }

    /// All units with the number of user accounts in each, in one aggregate query.
    func list() async throws -> [Row] {
        let sql = try database.sql
        return try await sql.raw(
            """
            SELECT u.id, u.name, u.code, u.kind, u.is_active, COUNT(p.id) AS people
            FROM units u LEFT JOIN users p ON p.unit_id = u.id
            GROUP BY u.id, u.name, u.code, u.kind, u.is_active
            ORDER BY u.name
            """
        ).all(decoding: Row.self)
    }

    /// The unit, or "not found".
    func find(_ id: UUID?) async throws -> OrganisationUnit {
        guard let id, let unit = try await OrganisationUnit.find(id, on: database) else { throw AppError.notFound }
        return unit
    }

    /// A unit's name for a page, or nil for none.
    func name(of id: UUID?) async throws -> String? {
        guard let id else { return nil }
        return try await OrganisationUnit.find(id, on: database)?.name
    }

    func save(_ input: Input, existing: OrganisationUnit?) async throws -> OrganisationUnit {
        var errors = FormErrors()
        let name = errors.text("name", input.name, .name, required: true)
        let code = errors.text("code", input.code, .code, required: true).uppercased()
        if input.kind == nil { errors.add("kind", "form.required") }
        if errors.fields["code"] == nil, try await codeIsTaken(code, except: existing?.id) {
            errors.addDuplicate("code", "form.unit.code-taken")
        }
        try errors.throwIfAny()
        let unit = existing ?? OrganisationUnit()
        unit.name = name
        unit.code = code
        unit.kind = (input.kind ?? .jobCentre).rawValue
        unit.isActive = input.isActive
        try await UniqueIndex.guarding {
            try await unit.save(on: database)
        } whenTaken: {
            if try await codeIsTaken(code, except: existing?.id) { throw FormErrors.duplicate("code", "form.unit.code-taken") }
        }
        return unit
    }

    private func codeIsTaken(_ code: String, except id: UUID?) async throws -> Bool {
        var query = OrganisationUnit.query(on: database).filter(\.$code == code)
        if let id { query = query.filter(\.$id != id) }
        return try await query.count() > 0
    }
}
