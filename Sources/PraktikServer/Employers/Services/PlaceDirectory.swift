import Foundation
import PraktikCore
import SQLKit

/// Lists of internship places across the register (staff) or within one contact's workplaces
/// (employer portal): filtered, sorted and paginated in SQL.
struct PlaceDirectory: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable {
        var search: String = ""
        var status: PlaceStatus?
        var regime: PlaceRegime?
        var unitID: UUID?
        var district: String = ""
        var employerID: UUID?
        var workplaceID: UUID?
        /// Set for an employer contact: only these workplaces, whatever else the filter says.
        var onlyWorkplaces: [UUID]?
        /// Only these places (a placement decision's chosen place).
        var onlyPlaces: [UUID]?
    }

    struct Row: Codable, Sendable {
        let id: UUID
        let title: String
        let occupation_field: String
        let capacity: Int
        let period_start: String
        let period_end: String
        let status: String
        let regime: String
        let employer_id: UUID
        let employer_name: String
        let workplace_id: UUID
        let workplace_address: String
        let district: String
        let unit_name: String
    }

    static let sortColumns: [String: String] = [
        "title": "p.title", "employer": "e.name", "start": "p.period_start", "end": "p.period_end", "status": "p.status",
        "district": "w.district", "capacity": "p.capacity", "unit": "u.name",
    ]

    /// Earliest start first: how a workplace's or employer's own places are listed.
    static let byStart = SQLSort(requested: nil, allowed: sortColumns, default: "start")

    private static let from: SQLQueryString = """
         FROM places p JOIN workplaces w ON w.id = p.workplace_id JOIN employers e ON e.id = p.employer_id
         JOIN units u ON u.id = p.unit_id
        """

    func page(_ filter: Filter, sort: SQLSort, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let whereClause = self.whereClause(filter)
        struct Count: Decodable { let n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n" + Self.from + whereClause).first(decoding: Count.self)?.n ?? 0
        let query: SQLQueryString =
            """
            SELECT p.id, p.title, p.occupation_field, p.capacity, p.period_start, p.period_end, p.status, p.regime,
              e.id AS employer_id, e.name AS employer_name, w.id AS workplace_id, w.address AS workplace_address,
              w.district, u.name AS unit_name
            """ + Self.from + whereClause + sort.orderBy(Self.sortColumns, tieBreak: "p.id")
            + " LIMIT \(literal: limit) OFFSET \(literal: offset)"
        return (try await sql.raw(query).all(decoding: Row.self), total)
    }

    private func whereClause(_ filter: Filter) -> SQLQueryString {
        var conditions = SQLWhere()
        if let only = filter.onlyWorkplaces {
            // An empty scope matches nothing; `IN ()` is not valid SQL.
            conditions.add(only.isEmpty ? "1 = 0" : "p.workplace_id IN (\(binds: only))")
        }
        let words = SearchText.words(in: filter.search)
        if !words.isEmpty {
            // Each word in the place (title, field) or its employer: "kock ica" finds ICA's cooks.
            conditions.add("\(SQLAllWords(words, in: [SQLColumn("search_text", table: "p"), SQLColumn("search_text", table: "e")]))")
        }
        if let status = filter.status { conditions.add("p.status = \(bind: status.rawValue)") }
        if let regime = filter.regime { conditions.add("p.regime = \(bind: regime.rawValue)") }
        if let unitID = filter.unitID { conditions.add("p.unit_id = \(bind: unitID)") }
        let district = filter.district.trimmingCharacters(in: .whitespaces)
        if !district.isEmpty { conditions.add("w.district = \(bind: district)") }
        if let employerID = filter.employerID { conditions.add("p.employer_id = \(bind: employerID)") }
        if let workplaceID = filter.workplaceID { conditions.add("p.workplace_id = \(bind: workplaceID)") }
        if let only = filter.onlyPlaces { conditions.add(only.isEmpty ? "1 = 0" : "p.id IN (\(binds: only))") }
        return conditions.clause
    }
}
