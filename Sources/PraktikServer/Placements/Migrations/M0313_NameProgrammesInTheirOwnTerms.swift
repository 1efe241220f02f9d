import Fluent
import SQLKit

/// The built-in programmes and Copenhagen's purposes keep their own country's word in every
/// interface language (`ProgrammeTerms`): "Virksomhedspraktik" also on Swedish pages, "Arbetspraktik"
/// also on Danish ones. Installations made before this carry the translated names; a name the admin
/// has changed since is left as it is.
struct M0313_NameProgrammesInTheirOwnTerms: AsyncMigration {
    /// (table, code column value, column, the name before, the name now).
    static let renames: [(table: String, code: String, column: String, before: String, after: String)] = [
        ("placement_programmes", "arbetspraktik", "name_en", "Work practice", "Arbetspraktik (work practice)"),
        ("placement_programmes", "arbetspraktik", "name_da", "Arbejdspraktik", "Arbetspraktik (svensk arbejdspraktik)"),
        ("placement_programmes", "arbetstraning", "name_en", "Work training", "Arbetsträning (work training)"),
        ("placement_programmes", "arbetstraning", "name_da", "Arbejdstræning", "Arbetsträning (svensk arbejdstræning)"),
        ("placement_programmes", "virksomhedspraktik", "name_sv", "Virksomhetspraktik", "Virksomhedspraktik"),
        ("placement_programmes", "virksomhedspraktik", "name_en", "Company placement", "Virksomhedspraktik (company placement)"),
        ("programme_purposes", "jobpraktik", "name_sv", "Jobbpraktik", "Jobpraktik"),
        ("programme_purposes", "jobpraktik", "name_en", "Job placement", "Jobpraktik (job placement)"),
        ("programme_purposes", "udviklingspraktik", "name_sv", "Utvecklingspraktik", "Udviklingspraktik"),
        ("programme_purposes", "udviklingspraktik", "name_en", "Development placement", "Udviklingspraktik (development placement)"),
        ("programme_purposes", "kompetencepraktik", "name_sv", "Kompetenspraktik", "Kompetencepraktik"),
        ("programme_purposes", "kompetencepraktik", "name_en", "Skills placement", "Kompetencepraktik (skills placement)"),
    ]

    func prepare(on database: any Database) async throws {
        try await rename(on: database, forward: true)
    }

    func revert(on database: any Database) async throws {
        try await rename(on: database, forward: false)
    }

    private func rename(on database: any Database, forward: Bool) async throws {
        let sql = try database.sql
        for rename in Self.renames {
            let (from, to) = forward ? (rename.before, rename.after) : (rename.after, rename.before)
            try await sql.raw(
                """
                UPDATE \(ident: rename.table) SET \(ident: rename.column) = \(bind: to)
                WHERE code = \(bind: rename.code) AND \(ident: rename.column) = \(bind: from)
                """
            ).run()
        }
    }
}
