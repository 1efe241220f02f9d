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

    struct Row: Sendable {
        let id: UUID
        let first_name: String?
        let last_name: String?
        let person_identifier: String?
        let identifier_kind: String
        let gender: String
        let status: String
        let unit_name: String
        let erased_at: Date?

        /// Read column by column: `Codable` decoding of a page of rows cost as much as the query (`PlainRow`).
        init(_ row: PlainRow) throws {
            id = try row.uuid("id")
            first_name = try row.optional("first_name", as: String.self)
            last_name = try row.optional("last_name", as: String.self)
            person_identifier = try row.optional("person_identifier", as: String.self)
            identifier_kind = try row.value("identifier_kind", as: String.self)
            gender = try row.value("gender", as: String.self)
            status = try row.value("status", as: String.self)
            unit_name = try row.value("unit_name", as: String.self)
            erased_at = try row.optional("erased_at", as: Date.self)
        }
    }

    /// The page and the number of participants the filter matches, in one query: the count rides
    /// along as a scalar subquery column (run once, it is not correlated), saving a round trip to the
    /// database's thread pool per list. A page past the end has no row to carry it, so then it is
    /// counted apart.
    func page(_ filter: Filter, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let query = restricted(
            filter,
            sql.select()
                .column(SQLColumn("id", table: "p")).column(SQLColumn("first_name", table: "p"))
                .column(SQLColumn("last_name", table: "p")).column(SQLColumn("person_identifier", table: "p"))
                .column(SQLColumn("identifier_kind", table: "p")).column(SQLColumn("gender", table: "p"))
                .column(SQLColumn("status", table: "p")).column(SQLColumn("name", table: "u"), as: "unit_name")
                .column(SQLColumn("erased_at", table: "p"))
                .column(SQLSubquery(count(filter).select), as: "total")
        )
        // The order of `participants_unit_name_idx`, so a page is read off the index.
        .orderBy(SQLColumn("last_name", table: "p")).orderBy(SQLColumn("first_name", table: "p")).orderBy(SQLColumn("id", table: "p"))
        .limit(limit).offset(offset)
        let found = try await sql.plainRows(query.select)
        if let first = found.first { return (try found.map(Row.init), try first.value("total", as: Int.self)) }
        guard offset > 0 else { return ([], 0) }
        struct CountRow: Decodable { let n: Int }
        return ([], try await count(filter).first(decoding: CountRow.self)?.n ?? 0)
    }

    /// The count needs no unit name: every participant has a unit, so the join cannot change it.
    private func count(_ filter: Filter) -> SQLSelectBuilder {
        restricted(filter, sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"), joiningUnits: false)
    }

    private func restricted(_ filter: Filter, _ query: SQLSelectBuilder, joiningUnits: Bool = true) -> SQLSelectBuilder {
        query.from(SQLAlias(SQLIdentifier("participants"), as: SQLIdentifier("p")))
        if joiningUnits {
            query.join(
                SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                on: SQLColumn("unit_id", table: "p"), .equal, SQLColumn("id", table: "u"))
        }
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
