import Foundation
import PraktikCore
import SQLKit

/// The queries behind the start page's work buckets, each limited to what the person may see.
struct WorkQueries: Sendable {
    let sql: any SQLDatabase
    /// How many items a bucket shows before "all of them".
    static let shown = 5

    struct Count: Decodable { let n: Int }

    struct ProposalRow: Decodable {
        let id: UUID
        let title: String
        let employer_name: String
        let period_start: String
        let period_end: String
    }

    /// Places employers proposed that wait for a case worker, in `unitID` (all units when nil).
    func proposals(unitID: UUID?) async throws -> (rows: [ProposalRow], total: Int) {
        let unit: SQLQueryString = unitID.map { "AND p.unit_id = \(bind: $0)" } ?? ""
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM places p WHERE p.status = 'proposed' \(unit)").first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw(
            """
            SELECT p.id, p.title, e.name AS employer_name, p.period_start, p.period_end
            FROM places p JOIN employers e ON e.id = p.employer_id
            WHERE p.status = 'proposed' \(unit)
            ORDER BY p.created_at, p.title LIMIT \(literal: Self.shown)
            """
        ).all(decoding: ProposalRow.self)
        return (rows, total)
    }

    struct ParticipantRow: Decodable {
        let id: UUID
        let first_name: String?
        let last_name: String?
    }

    /// Active participants the case worker is responsible for.
    func ownActiveParticipants(of userID: UUID) async throws -> (rows: [ParticipantRow], total: Int) {
        let condition: SQLQueryString = "responsible_user_id = \(bind: userID) AND status = 'active' AND erased_at IS NULL"
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM participants WHERE \(condition)").first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw(
            """
            SELECT id, first_name, last_name FROM participants WHERE \(condition)
            ORDER BY last_name, first_name LIMIT \(literal: Self.shown)
            """
        ).all(decoding: ParticipantRow.self)
        return (rows, total)
    }

    struct ExpiringCheckRow: Decodable {
        let employer_id: UUID
        let employer_name: String
        let expires_on: String
    }

    /// Employers with places in `unitID` (all when nil) whose latest check of some kind runs out
    /// between `today` and `until`. The unit's employers are one list, found once: asked per check
    /// (`EXISTS`), SQLite read every place of the unit for each check (demo: 13 → 3 ms).
    func expiringChecks(unitID: UUID?, today: CivilDate, until: CivilDate) async throws -> (rows: [ExpiringCheckRow], total: Int) {
        let unit: SQLQueryString =
            unitID.map {
                "AND e.id IN (SELECT p.employer_id FROM places p WHERE p.unit_id = \(bind: $0) AND p.status IN ('open', 'proposed', 'filled'))"
            }
            ?? ""
        let rows = try await sql.raw(
            """
            SELECT e.id AS employer_id, e.name AS employer_name, MIN(c.expires_on) AS expires_on
            FROM employer_checks c JOIN employers e ON e.id = c.employer_id
            WHERE c.expires_on >= \(bind: today.description) AND c.expires_on <= \(bind: until.description)
              AND c.checked_on = (SELECT MAX(c2.checked_on) FROM employer_checks c2
                                  WHERE c2.employer_id = c.employer_id AND c2.check_type_id = c.check_type_id)
              \(unit)
            GROUP BY e.id, e.name
            ORDER BY MIN(c.expires_on), e.name
            """
        ).all(decoding: ExpiringCheckRow.self)
        return (Array(rows.prefix(Self.shown)), rows.count)
    }

    struct EmployerPlaceRow: Decodable {
        let id: UUID
        let title: String
        let status: String
        let period_start: String
        let period_end: String
    }

    /// An employer contact's places that are proposed, open or filled, soonest first.
    func employerPlaces(workplaceIDs: [UUID]) async throws -> (rows: [EmployerPlaceRow], total: Int) {
        guard !workplaceIDs.isEmpty else { return ([], 0) }
        let rows = try await sql.select().columns("id", "title", "status", "period_start", "period_end").from("places")
            .where("workplace_id", .in, workplaceIDs).where("status", .in, ["proposed", "open", "filled"])
            .orderBy("period_start").all(decoding: EmployerPlaceRow.self)
        return (Array(rows.prefix(Self.shown)), rows.count)
    }
}
