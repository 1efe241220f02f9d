import Foundation
import PraktikCore
import SQLKit

/// The register's list of employers: filtered, sorted and paginated in SQL.
struct EmployerDirectory: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable {
        var search: String = ""
        var sector: EmployerSector?
        var district: String = ""
        var includeInactive = false
    }

    struct Row: Codable, Sendable {
        let id: UUID
        let name: String
        let identifier: String
        let sector: String
        let industry: String
        let employees: Int?
        let is_active: Bool
        let workplaces: Int
        let open_places: Int
    }

    static let sortColumns: [String: String] = [
        "name": "e.name", "sector": "e.sector", "industry": "e.industry", "employees": "e.employees",
        "workplaces": "workplaces", "places": "open_places",
    ]

    func page(_ filter: Filter, sort: SQLSort, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let whereClause = self.whereClause(filter)
        struct Count: Decodable { let n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM employers e" + whereClause).first(decoding: Count.self)?.n ?? 0
        let query: SQLQueryString =
            """
            SELECT e.id, e.name, e.identifier, e.sector, e.industry, e.employees, e.is_active,
              (SELECT COUNT(*) FROM workplaces w WHERE w.employer_id = e.id) AS workplaces,
              (SELECT COUNT(*) FROM places p WHERE p.employer_id = e.id AND p.status = \(bind: PlaceStatus.open.rawValue)) AS open_places
            FROM employers e
            """ + whereClause + sort.orderBy(Self.sortColumns, tieBreak: "e.id")
            + " LIMIT \(literal: limit) OFFSET \(literal: offset)"
        return (try await sql.raw(query).all(decoding: Row.self), total)
    }

    private func whereClause(_ filter: Filter) -> SQLQueryString {
        var conditions = SQLWhere()
        let words = SearchText.words(in: filter.search)
        if !words.isEmpty { conditions.add("\(SQLAllWords(words, in: [SQLColumn("search_text", table: "e")]))") }
        if let sector = filter.sector { conditions.add("e.sector = \(bind: sector.rawValue)") }
        let district = filter.district.trimmingCharacters(in: .whitespaces)
        if !district.isEmpty {
            conditions.add("EXISTS (SELECT 1 FROM workplaces wd WHERE wd.employer_id = e.id AND wd.district = \(bind: district))")
        }
        if !filter.includeInactive { conditions.add("e.is_active = \(bind: true)") }
        return conditions.clause
    }

    /// The districts that occur among workplaces, for the filter's choices.
    func districts() async throws -> [String] {
        struct Row: Decodable { let district: String }
        return try await sql.raw("SELECT DISTINCT district FROM workplaces WHERE district <> '' ORDER BY district")
            .all(decoding: Row.self).map(\.district)
    }
}
