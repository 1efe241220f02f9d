import Fluent
import Foundation
import PraktikCore
import SQLKit

/// A folded search column for participants (`SearchText`): SQLite's `LOWER()` folds ASCII only, so
/// "Öberg" was not found by "öberg" or "ÖBERG". Filled here for the rows that exist, in Swift, with
/// the same folding the service writes from now on.
struct M0221_AddParticipantSearchText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Participant.schema).field("search_text", .string).update()
        try await Self.fill(on: try database.sql)
    }

    /// Writes the folded text of every participant not erased.
    static func fill(on sql: any SQLDatabase) async throws {
        struct Row: Decodable {
            let id: UUID
            let first_name: String?
            let last_name: String?
            let email: String?
        }
        // Keyset pagination by id: a thousand rows at a time, whatever the table's size.
        var after: UUID?
        while true {
            let page: SQLQueryString =
                "SELECT id, first_name, last_name, email FROM participants WHERE erased_at IS NULL"
                + (after.map { " AND id > \(bind: $0)" } ?? "") + " ORDER BY id LIMIT 1000"
            let rows = try await sql.raw(page).all(decoding: Row.self)
            guard let last = rows.last else { break }
            for row in rows {
                let text = SearchText.folded([row.first_name, row.last_name, row.email].compactMap { $0 }.joined(separator: " "))
                try await sql.update(Participant.schema).set("search_text", to: SQLBind(text)).where("id", .equal, SQLBind(row.id)).run()
            }
            after = last.id
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Participant.schema).deleteField("search_text").update()
    }
}
