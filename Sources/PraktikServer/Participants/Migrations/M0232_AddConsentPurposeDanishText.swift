import Fluent
import PraktikCore
import SQLKit

/// The Danish wording of each consent purpose (issue 10), so Copenhagen's citizens read what they
/// agree to in Danish. The built-in purposes get the Danish of their version 1 text: the same
/// promise in another language, so the version stays. A purpose an admin added earlier has none
/// until one is written; Danish readers see its English text meanwhile.
struct M0232_AddConsentPurposeDanishText: AsyncMigration {
    static let builtIn: [BuiltInConsentPurpose: String] = [
        .programmePartners:
            "Jeg giver samtykke til, at mine oplysninger deles mellem forløbet, jobcentret og samarbejdspartnere, i det omfang det er nødvendigt for min praktik.",
        .employerProfile:
            "Jeg giver samtykke til, at virksomheder med egnede praktikpladser må se min profil (uddannelse, sprog og ønsker, ikke mit CPR-nummer eller mine kontaktoplysninger).",
        .postExitFollowUp:
            "Jeg giver samtykke til, at I kontakter mig, når forløbet er slut, for at følge op på, hvordan det er gået mig, og at svarene bliver noteret.",
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(ConsentPurposeRecord.schema).field("text_da", .string).update()
        let sql = try database.sql
        for (purpose, text) in Self.builtIn {
            try await sql.update(ConsentPurposeRecord.schema).set("text_da", to: SQLBind(text))
                .where("code", .equal, SQLBind(purpose.rawValue)).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConsentPurposeRecord.schema).deleteField("text_da").update()
    }
}
