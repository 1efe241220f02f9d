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
    ///
    /// Written as SQL text, as the place list is: built with SQLKit's select builder, serialising
    /// the statement's forty-odd identifiers was 6 % of a `/participants` request under
    /// `perf record` (each quoted through a dynamic cast and a generic string replacement).
    func page(_ filter: Filter, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let whereClause = self.whereClause(filter)
        // The order of `participants_unit_name_idx`, so a page is read off the index. The count
        // needs no unit name: every participant has a unit, so the join cannot change it.
        let query: SQLQueryString =
            """
            SELECT p.id, p.first_name, p.last_name, p.person_identifier, p.identifier_kind, p.gender, p.status,
              u.name AS unit_name, p.erased_at, (SELECT COUNT(*) FROM participants p
            """ + whereClause + ") AS total FROM participants p JOIN units u ON u.id = p.unit_id" + whereClause
            + " ORDER BY p.last_name, p.first_name, p.id LIMIT \(literal: limit) OFFSET \(literal: offset)"
        let found = try await sql.plainRows(query)
        if let first = found.first { return (try found.map(Row.init), try first.value("total", as: Int.self)) }
        guard offset > 0 else { return ([], 0) }
        struct CountRow: Decodable { let n: Int }
        return ([], try await sql.raw("SELECT COUNT(*) AS n FROM participants p" + whereClause).first(decoding: CountRow.self)?.n ?? 0)
    }

    private func whereClause(_ filter: Filter) -> SQLQueryString {
        var conditions = SQLWhere()
        if let inScope = scope.condition(alias: "p") { conditions.add(inScope) }
        // Every word of the query must match. Words with letters are looked up in the folded names
        // and e-mail; a number of six digits or more (however it is split) also in the person number.
        let words = SearchText.words(in: filter.search)
        let numbers = words.filter { $0.allSatisfy(\.isNumber) }
        let texts = words.filter { !$0.allSatisfy(\.isNumber) }
        let searchText = SQLColumn("search_text", table: "p")
        if !texts.isEmpty { conditions.add("\(SQLAllWords(texts, in: [searchText]))") }
        if !numbers.isEmpty {
            let digits = numbers.joined()
            let inText: SQLQueryString = "\(SQLAllWords(numbers, in: [searchText]))"
            conditions.add(
                digits.count >= 6 ? inText + " OR \(SQLContains(SQLColumn("person_identifier", table: "p"), digits))" : inText)
        }
        if let status = filter.status { conditions.add("p.status = \(bind: status.rawValue)") }
        if let unitID = filter.unitID { conditions.add("p.unit_id = \(bind: unitID)") }
        return conditions.clause
    }
}
