import Foundation
import PraktikCore
import SQLKit

/// Lists of placements for case workers (their unit's participants) and admins, and for an
/// employer contact (their workplaces' interns): filtered, sorted and paginated in SQL.
struct PlacementDirectory: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable {
        var search = ""
        var status: PlacementStatus?
        var programme = ""
        /// Who may see what: a condition on `participants pa`.
        var scope: SQLQueryString = "1 = 1"
        /// Set for an employer contact: only these workplaces.
        var onlyWorkplaces: [UUID]?
    }

    struct Row: Codable, Sendable {
        let id: UUID
        let status: String
        let planned_start: String
        let planned_end: String
        let actual_start: String?
        let actual_end: String?
        let programme: String?
        let purpose: String?
        let participant_id: UUID
        let first_name: String?
        let last_name: String?
        let place_title: String
        let employer_name: String
        let workplace_name: String
        let workplace_address: String
        let hired_by_host: Bool?

        var start: String { actual_start ?? planned_start }
        var end: String { actual_end ?? planned_end }
        var participantName: String { [first_name, last_name].compactMap { $0 }.joined(separator: " ") }
    }

    static let sortColumns: [String: String] = [
        "start": "COALESCE(pl.actual_start, pl.planned_start)", "end": "COALESCE(pl.actual_end, pl.planned_end)",
        "name": "pa.last_name", "employer": "e.name", "status": "pl.status",
    ]

    private static let from: SQLQueryString = """
         FROM placements pl JOIN participants pa ON pa.id = pl.participant_id JOIN places p ON p.id = pl.place_id
         JOIN workplaces w ON w.id = pl.workplace_id JOIN employers e ON e.id = w.employer_id
        """

    func page(_ filter: Filter, sort: SQLSort, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let whereClause = self.whereClause(filter)
        struct Count: Decodable { let n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n" + Self.from + whereClause).first(decoding: Count.self)?.n ?? 0
        let query: SQLQueryString =
            """
            SELECT pl.id, pl.status, pl.planned_start, pl.planned_end, pl.actual_start, pl.actual_end, pl.programme, pl.purpose,
              pl.hired_by_host, pa.id AS participant_id, pa.first_name, pa.last_name, p.title AS place_title, e.name AS employer_name,
              w.name AS workplace_name, w.address AS workplace_address
            """ + Self.from + whereClause + sort.orderBy(Self.sortColumns, tieBreak: "pl.id")
            + " LIMIT \(literal: limit) OFFSET \(literal: offset)"
        return (try await sql.raw(query).all(decoding: Row.self), total)
    }

    private func whereClause(_ filter: Filter) -> SQLQueryString {
        var conditions = SQLWhere()
        conditions.add(filter.scope)
        if let only = filter.onlyWorkplaces { conditions.add(only.isEmpty ? "1 = 0" : "pl.workplace_id IN (\(binds: only))") }
        if let status = filter.status { conditions.add("pl.status = \(bind: status.rawValue)") }
        if !filter.programme.isEmpty { conditions.add("pl.programme = \(bind: filter.programme)") }
        // Every word must match a name, the place's title or the employer (lower-cased in Swift for å, ä, ö).
        for word in filter.search.lowercased().split(whereSeparator: { $0.isWhitespace }).prefix(5) {
            let term = String(word)
            conditions.add(
                """
                \(SQLContains(SQLFunction("LOWER", args: SQLColumn("first_name", table: "pa")), term)) OR \
                \(SQLContains(SQLFunction("LOWER", args: SQLColumn("last_name", table: "pa")), term)) OR \
                \(SQLContains(SQLColumn("search_text", table: "p"), term)) OR \(SQLContains(SQLColumn("search_text", table: "e"), term))
                """)
        }
        return conditions.clause
    }
}
