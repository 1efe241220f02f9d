import Foundation
import PraktikCore
import SQLKit

/// Lists of intakes: the open ones for the public portal, and those a user works with (or, for an
/// analyst, every one) with their application counts.
struct IntakeDirectory: Sendable {
    let sql: any SQLDatabase

    struct PublicRow: Codable, Sendable {
        let id: UUID
        let name: String
        let programme_name: String
        let status: String
        let opens_on: String
        let closes_on: String
        let placement_start: String
        let placement_end: String
        let is_pilot: Bool
    }

    /// Intakes that take applications today, and those announced to open later.
    func publicIntakes(today: CivilDate) async throws -> (open: [PublicRow], coming: [PublicRow]) {
        let rows = try await sql.raw(
            """
            SELECT i.id, i.name, p.name AS programme_name, i.status, i.opens_on, i.closes_on, i.placement_start, i.placement_end, i.is_pilot
            FROM intakes i JOIN programmes p ON p.id = i.programme_id
            WHERE i.status IN (\(binds: [IntakeStatus.planned.rawValue, IntakeStatus.open.rawValue]))
              AND i.closes_on >= \(bind: today.description)
            ORDER BY i.closes_on, i.name
            """
        ).all(decoding: PublicRow.self)
        let open = rows.filter { $0.status == IntakeStatus.open.rawValue && $0.opens_on <= today.description }
        return (open, rows.filter { row in !open.contains { $0.id == row.id } })
    }

    struct Row: Codable, Sendable {
        let id: UUID
        let name: String
        let programme_name: String
        let unit_name: String
        let status: String
        let opens_on: String
        let closes_on: String
        let target_places: Int
        let is_pilot: Bool
        let applications: Int
        let in_queue: Int
    }

    func list(scope: IntakeScope) async throws -> [Row] {
        var conditions = SQLWhere()
        if let condition = scope.condition(programmeAlias: "p", forFigures: true) { conditions.add(condition) }
        let query: SQLQueryString = """
            SELECT i.id, i.name, p.name AS programme_name, u.name AS unit_name, i.status, i.opens_on, i.closes_on, i.target_places,
              i.is_pilot,
              (SELECT COUNT(*) FROM applications a WHERE a.intake_id = i.id) AS applications,
              (SELECT COUNT(*) FROM applications a WHERE a.intake_id = i.id AND a.status = \(bind: ApplicationStatus.submitted.rawValue)) AS in_queue
            FROM intakes i JOIN programmes p ON p.id = i.programme_id JOIN units u ON u.id = p.unit_id
            """ + conditions.clause + " ORDER BY i.opens_on DESC, i.name"
        return try await sql.raw(query).all(decoding: Row.self)
    }

    /// The districts offered as home and preferred districts for a programme: those where its unit
    /// has internship places, or every district of the register when it has none.
    func districts(forUnit unitID: UUID) async throws -> [String] {
        struct Row: Decodable { let district: String }
        let own = try await sql.raw(
            """
            SELECT DISTINCT w.district FROM workplaces w JOIN places p ON p.workplace_id = w.id
            WHERE p.unit_id = \(bind: unitID) AND w.district <> '' ORDER BY w.district
            """
        ).all(decoding: Row.self).map(\.district)
        if !own.isEmpty { return own }
        return try await sql.raw("SELECT DISTINCT district FROM workplaces WHERE district <> '' ORDER BY district")
            .all(decoding: Row.self).map(\.district)
    }
}
