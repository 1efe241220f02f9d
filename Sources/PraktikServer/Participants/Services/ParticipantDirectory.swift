import Foundation
import PraktikCore
import SQLKit

/// The case worker's list and search of participants, within their scope, in SQL.
struct ParticipantDirectory: Sendable {
    let sql: any SQLDatabase
    let scope: ParticipantScope

    struct Filter: Sendable {
        /// Matches names, e-mail or the digits of a person number.
        var search = ""
        var status: ParticipantStatus?
        var unitID: UUID?
    }

    struct Row: Codable, Sendable {
        let id: UUID
        let first_name: String?
        let last_name: String?
        let person_identifier: String?
        let identifier_kind: String
        let gender: String
        let status: String
        let unit_name: String
        let erased_at: Date?
    }

    func page(_ filter: Filter, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        struct CountRow: Decodable { let n: Int }
        let total =
            try await restricted(filter, sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
            .first(decoding: CountRow.self)?.n ?? 0
        let rows = try await restricted(
            filter,
            sql.select()
                .column(SQLColumn("id", table: "p")).column(SQLColumn("first_name", table: "p"))
                .column(SQLColumn("last_name", table: "p")).column(SQLColumn("person_identifier", table: "p"))
                .column(SQLColumn("identifier_kind", table: "p")).column(SQLColumn("gender", table: "p"))
                .column(SQLColumn("status", table: "p")).column(SQLColumn("name", table: "u"), as: "unit_name")
                .column(SQLColumn("erased_at", table: "p"))
        )
        .orderBy(SQLColumn("last_name", table: "p")).orderBy(SQLColumn("first_name", table: "p"))
        .limit(limit).offset(offset)
        .all(decoding: Row.self)
        return (rows, total)
    }

    private func restricted(_ filter: Filter, _ query: SQLSelectBuilder) -> SQLSelectBuilder {
        query.from(SQLAlias(SQLIdentifier("participants"), as: SQLIdentifier("p")))
            .join(
                SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                on: SQLColumn("unit_id", table: "p"), .equal, SQLColumn("id", table: "u"))
        _ = scope.restrict(query, alias: "p")
        // Every word of the query must match. Words with letters are looked up in the folded names
        // and e-mail; a number of six digits or more (however it is split) also in the person number.
        let words = SearchText.words(in: filter.search)
        let numbers = words.filter { $0.allSatisfy(\.isNumber) }
        let texts = words.filter { !$0.allSatisfy(\.isNumber) }
        let searchText = SQLColumn("search_text", table: "p")
        if !texts.isEmpty { query.where(SQLAllWords(texts, in: [searchText])) }
        if !numbers.isEmpty {
            let digits = numbers.joined()
            query.where { group in
                group.where(SQLAllWords(numbers, in: [searchText]))
                if digits.count >= 6 { group.orWhere(SQLContains(SQLColumn("person_identifier", table: "p"), digits)) }
                return group
            }
        }
        if let status = filter.status { query.where(SQLColumn("status", table: "p"), .equal, SQLBind(status.rawValue)) }
        if let unitID = filter.unitID { query.where(SQLColumn("unit_id", table: "p"), .equal, SQLBind(unitID)) }
        return query
    }
}
