import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Employers' and places' `search_text` folded like participants' (`SearchText`: Danish æ/ø as ä/ö,
/// other accents dropped, the number also as bare digits), recomputed for the rows that exist.
struct M0109_FoldEmployerAndPlaceSearchText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        struct EmployerRow: Decodable {
            let id: UUID
            let name: String
            let identifier: String
            let industry: String
        }
        var after: UUID?
        while true {
            let page: SQLQueryString =
                "SELECT id, name, identifier, industry FROM employers" + (after.map { " WHERE id > \(bind: $0)" } ?? "")
                + " ORDER BY id LIMIT 1000"
            let rows = try await sql.raw(page).all(decoding: EmployerRow.self)
            guard let last = rows.last else { break }
            for row in rows {
                let text =
                    (try? EmployerIdentifier(storageValue: row.identifier)).map {
                        Employer.searchText(name: row.name, identifier: $0, industry: row.industry)
                    } ?? SearchText.folded([row.name, row.industry, row.identifier].joined(separator: " "))
                try await sql.update(Employer.schema).set("search_text", to: SQLBind(text)).where("id", .equal, SQLBind(row.id)).run()
            }
            after = last.id
        }
        struct PlaceRow: Decodable {
            let id: UUID
            let title: String
            let occupation_field: String
        }
        after = nil
        while true {
            let page: SQLQueryString =
                "SELECT id, title, occupation_field FROM places" + (after.map { " WHERE id > \(bind: $0)" } ?? "")
                + " ORDER BY id LIMIT 1000"
            let rows = try await sql.raw(page).all(decoding: PlaceRow.self)
            guard let last = rows.last else { break }
            for row in rows {
                let text = Place.searchText(title: row.title, field: row.occupation_field)
                try await sql.update(Place.schema).set("search_text", to: SQLBind(text)).where("id", .equal, SQLBind(row.id)).run()
            }
            after = last.id
        }
    }

    /// The old text was the fields lower-cased, which the folded text still finds for ASCII queries.
    func revert(on database: any Database) async throws {}
}
