import Foundation
import PraktikCore
import SQLKit

/// The screening queue of an intake: its applications filtered by colour, status, fired rule,
/// district and field, sorted and paged in SQL, with the count per colour for the filter bar.
struct ScreeningQueue: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable, Equatable {
        var colour: EligibilityColour?
        /// Nil: every status.
        var status: ApplicationStatus? = .submitted
        var rule: String = ""
        var district: String = ""
        var field: String = ""
        var search: String = ""
    }

    struct Row: Codable, Sendable {
        let id: UUID
        let first_name: String?
        let last_name: String?
        let colour: String
        let rules_colour: String
        let status: String
        let education_field: String?
        let home_district: String?
        let gender: String
        let submitted_at: Date
    }

    static let sortColumns: [String: String] = [
        "name": "a.last_name", "submitted": "a.submitted_at", "colour": "a.colour", "status": "a.status", "field": "a.education_field",
        "district": "a.home_district",
    ]

    func page(intakeID: UUID, _ filter: Filter, sort: SQLSort, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let whereClause = self.whereClause(intakeID: intakeID, filter)
        struct Count: Decodable { let n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM applications a" + whereClause).first(decoding: Count.self)?.n ?? 0
        let query: SQLQueryString =
            """
            SELECT a.id, a.first_name, a.last_name, a.colour, a.rules_colour, a.status, a.education_field, a.home_district, a.gender,
              a.submitted_at FROM applications a
            """ + whereClause + sort.orderBy(Self.sortColumns, tieBreak: "a.id") + " LIMIT \(literal: limit) OFFSET \(literal: offset)"
        return (try await sql.raw(query).all(decoding: Row.self), total)
    }

    /// Every application the filter matches, for a decision on all of them.
    func ids(intakeID: UUID, _ filter: Filter) async throws -> [UUID] {
        struct Row: Decodable { let id: UUID }
        return try await sql.raw("SELECT a.id FROM applications a" + whereClause(intakeID: intakeID, filter) + " ORDER BY a.id")
            .all(decoding: Row.self).map(\.id)
    }

    /// How many applications the filter would match with each colour (the colour itself not applied).
    func colourCounts(intakeID: UUID, _ filter: Filter) async throws -> [EligibilityColour: Int] {
        var withoutColour = filter
        withoutColour.colour = nil
        struct Row: Decodable {
            let colour: String
            let n: Int
        }
        let rows = try await sql.raw(
            "SELECT a.colour, COUNT(*) AS n FROM applications a" + whereClause(intakeID: intakeID, withoutColour) + " GROUP BY a.colour"
        )
        .all(decoding: Row.self)
        var counts: [EligibilityColour: Int] = [:]
        for row in rows { if let colour = EligibilityColour(rawValue: row.colour) { counts[colour] = row.n } }
        return counts
    }

    /// The rules that fired in the newest rules run of each application.
    func firedRules(of ids: [UUID]) async throws -> [UUID: [String]] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            let application_id: UUID
            let rule_code: String
        }
        let rows = try await sql.raw(
            """
            SELECT r.application_id, r.rule_code FROM assessment_reasons r
            JOIN applications a ON a.rules_assessment_id = r.assessment_id
            WHERE r.application_id IN (\(binds: ids)) ORDER BY r.rule_code
            """
        ).all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.application_id).mapValues { $0.map(\.rule_code) }
    }

    /// The districts and fields the intake's applicants named, for the filter's choices.
    func choices(intakeID: UUID) async throws -> (districts: [String], fields: [String]) {
        struct Row: Decodable { let value: String }
        let districts = try await sql.raw(
            """
            SELECT DISTINCT home_district AS value FROM applications
            WHERE intake_id = \(bind: intakeID) AND home_district IS NOT NULL ORDER BY value
            """
        ).all(decoding: Row.self).map(\.value)
        let fields = try await sql.raw(
            """
            SELECT DISTINCT education_field AS value FROM applications
            WHERE intake_id = \(bind: intakeID) AND education_field IS NOT NULL ORDER BY value
            """
        ).all(decoding: Row.self).map(\.value)
        return (districts, fields)
    }

    private func whereClause(intakeID: UUID, _ filter: Filter) -> SQLQueryString {
        var conditions = SQLWhere()
        conditions.add("a.intake_id = \(bind: intakeID)")
        if let colour = filter.colour { conditions.add("a.colour = \(bind: colour.rawValue)") }
        if let status = filter.status { conditions.add("a.status = \(bind: status.rawValue)") }
        if !filter.rule.isEmpty {
            conditions.add(
                """
                EXISTS (SELECT 1 FROM assessment_reasons r WHERE r.assessment_id = a.rules_assessment_id
                AND r.rule_code = \(bind: filter.rule))
                """)
        }
        if !filter.district.isEmpty { conditions.add("a.home_district = \(bind: filter.district)") }
        if !filter.field.isEmpty { conditions.add("a.education_field = \(bind: filter.field)") }
        let term = filter.search.trimmingCharacters(in: .whitespaces).lowercased()
        if !term.isEmpty {
            conditions.add(
                """
                \(SQLContains(SQLFunction("LOWER", args: SQLColumn("last_name", table: "a")), term))
                OR \(SQLContains(SQLFunction("LOWER", args: SQLColumn("first_name", table: "a")), term))
                """)
        }
        return conditions.clause
    }
}
