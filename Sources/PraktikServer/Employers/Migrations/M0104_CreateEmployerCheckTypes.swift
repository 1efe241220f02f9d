import Fluent
import Foundation
import SQLKit

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
        // SQL, not the model: the model has columns later migrations add (M0110's `name_da`).
        for (position, starter) in starters.enumerated() {
            try await database.sql.insert(into: EmployerCheckType.schema)
                .columns(
                    "id", "key", "name_sv", "name_en", "validity_days", "is_required", "needs_union", "is_active", "position", "created_at"
                )
                .values(
                    SQLBind(UUID()), SQLBind(starter.0), SQLBind(starter.1), SQLBind(starter.2), SQLBind(starter.3), SQLBind(true),
                    SQLBind(starter.4), SQLBind(true), SQLBind(position + 1), SQLBind(Date())
                )
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmployerCheckType.schema).delete()
    }
}
