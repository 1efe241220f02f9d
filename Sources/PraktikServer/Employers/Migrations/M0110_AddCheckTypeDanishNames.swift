import Fluent
import SQLKit

/// A Danish name for each employer check, so a Danish reader does not meet the Swedish one. The
/// starting checklist gets its Danish names where the admin has not renamed the check; a check
/// without a Danish name shows its English name to Danish readers.
struct M0110_AddCheckTypeDanishNames: AsyncMigration {
    /// (key, the Swedish name M0104 gave it, the Danish name).
    static let starters: [(key: String, swedish: String, danish: String)] = [
        ("f_tax", "Godkänd för F-skatt", "Godkendt til svensk F-skat"),
        ("no_tax_debt", "Inga skulder hos Kronofogden", "Ingen gæld hos Kronofogden (svensk inddrivelse)"),
        ("no_labour_dispute", "Ingen pågående arbetskonflikt", "Ingen igangværende arbejdskonflikt"),
        ("union_consultation", "Samråd med facket", "Drøftelse med fagforeningen"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(EmployerCheckType.schema).field("name_da", .string).update()
        for starter in Self.starters {
            try await database.sql.raw(
                """
                UPDATE employer_check_types SET name_da = \(bind: starter.danish)
                WHERE key = \(bind: starter.key) AND name_sv = \(bind: starter.swedish)
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmployerCheckType.schema).deleteField("name_da").update()
    }
}
