import Fluent
import Foundation

struct M0104_CreateEmployerCheckTypes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmployerCheckType.schema)
            .id()
            .field("key", .string, .required)
            .field("name_sv", .string, .required)
            .field("name_en", .string, .required)
            .field("validity_days", .int)
            .field("is_required", .bool, .required)
            .field("needs_union", .bool, .required)
            .field("is_active", .bool, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "key")
            .create()
        // The checks the employment service makes before arbetspraktik (seed 004), as a starting
        // checklist the administrator can change.
        let starters: [(String, String, String, Int?, Bool)] = [
            ("f_tax", "Godkänd för F-skatt", "Approved for F-tax", 365, false),
            ("no_tax_debt", "Inga skulder hos Kronofogden", "No debts with the Enforcement Authority", 180, false),
            ("no_labour_dispute", "Ingen pågående arbetskonflikt", "No ongoing labour dispute", 90, false),
            ("union_consultation", "Samråd med facket", "Consultation with the union", 365, true),
        ]
        for (position, starter) in starters.enumerated() {
            let type = EmployerCheckType()
            type.key = starter.0
            type.nameSwedish = starter.1
            type.nameEnglish = starter.2
            type.validityDays = starter.3
            type.isRequired = true
            type.needsUnion = starter.4
            type.isActive = true
            type.position = position + 1
            try await type.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmployerCheckType.schema).delete()
    }
}
