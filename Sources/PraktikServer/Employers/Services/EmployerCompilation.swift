import Foundation
import PraktikCore
import SQLKit

/// The board's question (seed 000): every employer that had interns in a period, with how many
/// placements (split by gender), how many led to a job at the workplace, and where and under which
/// regime they ran. A placement counts when its period (actual where known, else planned) overlaps
/// the chosen one; cancelled placements never count.
struct EmployerCompilation: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable {
        var from: CivilDate
        var to: CivilDate
        var unitID: UUID?
        var regime: PlaceRegime?
        var sector: EmployerSector?
        var district: String = ""
    }

    struct Row: Codable, Sendable {
        let employer_id: UUID
        let name: String
        let sector: String
        let placements: Int
        let women: Int
        let men: Int
        let other: Int
        let not_stated: Int
        let hires: Int
        /// Filled in after the grouped query: the distinct values among the employer's placements.
        var units: [String]?
        var regimes: [String]?
        var districts: [String]?
    }

    struct Totals: Codable, Sendable {
        let employers: Int
        let placements: Int
        let women: Int
        let men: Int
        let other: Int
        let not_stated: Int
        let hires: Int
    }

    static let sortColumns: [String: String] = [
        "name": "e.name", "sector": "e.sector", "placements": "placements", "women": "women", "men": "men", "hires": "hires",
    ]

    private static let from: SQLQueryString = """
         FROM placements pl
         JOIN participants pa ON pa.id = pl.participant_id
         JOIN places p ON p.id = pl.place_id
         JOIN workplaces w ON w.id = pl.workplace_id
         JOIN employers e ON e.id = w.employer_id
         JOIN units u ON u.id = pl.unit_id
        """

    private func whereClause(_ filter: Filter) -> SQLQueryString {
        var conditions = SQLWhere()
        conditions.add("pl.status <> \(bind: PlacementStatus.cancelled.rawValue)")
        conditions.add("COALESCE(pl.actual_start, pl.planned_start) <= \(bind: filter.to.description)")
        conditions.add("COALESCE(pl.actual_end, pl.planned_end) >= \(bind: filter.from.description)")
        if let unitID = filter.unitID { conditions.add("pl.unit_id = \(bind: unitID)") }
        if let regime = filter.regime { conditions.add("p.regime = \(bind: regime.rawValue)") }
        if let sector = filter.sector { conditions.add("e.sector = \(bind: sector.rawValue)") }
        if !filter.district.isEmpty { conditions.add("w.district = \(bind: filter.district)") }
        return conditions.clause
    }

    private func counts(_ gender: Gender) -> SQLQueryString {
        "SUM(CASE WHEN pa.gender = \(bind: gender.rawValue) THEN 1 ELSE 0 END)"
    }

    private var measures: SQLQueryString {
        "COUNT(*) AS placements, " + counts(.woman) + " AS women, " + counts(.man) + " AS men, " + counts(.other) + " AS other, "
            + counts(.notStated) + " AS not_stated, SUM(CASE WHEN pl.hired_by_host = \(bind: true) THEN 1 ELSE 0 END) AS hires"
    }

    /// One page of employers (all when `limit` is nil), and the totals over every employer.
    func rows(_ filter: Filter, sort: SQLSort, limit: Int?, offset: Int = 0) async throws -> (rows: [Row], totals: Totals) {
        let whereClause = self.whereClause(filter)
        var query: SQLQueryString =
            "SELECT e.id AS employer_id, e.name, e.sector, " + measures + Self.from + whereClause
            + " GROUP BY e.id, e.name, e.sector" + sort.orderBy(Self.sortColumns, tieBreak: "e.id")
        if let limit { query += " LIMIT \(literal: limit) OFFSET \(literal: offset)" }
        var rows = try await sql.raw(query).all(decoding: Row.self)

        let totalsQuery: SQLQueryString = "SELECT COUNT(DISTINCT e.id) AS employers, " + measures + Self.from + whereClause
        let totals =
            try await sql.raw(totalsQuery).first(decoding: OptionalTotals.self)?.totals
            ?? Totals(employers: 0, placements: 0, women: 0, men: 0, other: 0, not_stated: 0, hires: 0)

        // Units, regimes and districts are per placement; list each employer's distinct ones.
        let ids = rows.map(\.employer_id)
        if !ids.isEmpty {
            struct Value: Decodable {
                let employer_id: UUID
                let value: String
            }
            func values(_ column: SQLQueryString) async throws -> [UUID: [String]] {
                let rows = try await sql.raw(
                    "SELECT DISTINCT e.id AS employer_id, " + column + " AS value" + Self.from + whereClause
                        + " AND e.id IN (\(binds: ids)) ORDER BY value"
                ).all(decoding: Value.self)
                return Dictionary(grouping: rows, by: \.employer_id).mapValues { $0.map(\.value) }
            }
            let units = try await values("u.name")
            let regimes = try await values("p.regime")
            let districts = try await values("w.district")
            for index in rows.indices {
                let id = rows[index].employer_id
                rows[index].units = units[id] ?? []
                rows[index].regimes = regimes[id] ?? []
                rows[index].districts = (districts[id] ?? []).filter { !$0.isEmpty }
            }
        }
        return (rows, totals)
    }

    /// SUM over no rows is NULL; read the totals leniently.
    private struct OptionalTotals: Decodable {
        let employers: Int?
        let placements: Int?
        let women: Int?
        let men: Int?
        let other: Int?
        let not_stated: Int?
        let hires: Int?

        var totals: Totals {
            Totals(
                employers: employers ?? 0, placements: placements ?? 0, women: women ?? 0, men: men ?? 0, other: other ?? 0,
                not_stated: not_stated ?? 0, hires: hires ?? 0)
        }
    }

    func count(_ filter: Filter) async throws -> Int {
        struct Count: Decodable { let n: Int }
        return try await sql.raw("SELECT COUNT(DISTINCT e.id) AS n" + Self.from + whereClause(filter)).first(decoding: Count.self)?.n ?? 0
    }
}
