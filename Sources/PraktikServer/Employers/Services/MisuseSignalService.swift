import Foundation
import PraktikCore
import SQLKit

/// Counts each employer's placements and requests in SQL and asks `MisuseSignals` what they mean.
/// A placement's period is its actual one where known, else the planned one; cancelled placements
/// never count.
struct MisuseSignalService: Sendable {
    let sql: any SQLDatabase
    let thresholds: MisuseSignals.Thresholds
    let today: CivilDate
    let now: Date

    struct Flagged: Sendable {
        let employerID: UUID
        let name: String
        let activity: MisuseSignals.Activity
        let signals: [MisuseSignals.Signal]
    }

    /// The employers with at least one signal, by name.
    func flagged() async throws -> [Flagged] {
        let activities = try await activities(of: nil)
        struct Name: Decodable {
            let id: UUID
            let name: String
            let employees: Int?
        }
        let employers = try await sql.raw("SELECT id, name, employees FROM employers WHERE is_active = \(bind: true)").all(
            decoding: Name.self)
        return employers.compactMap { employer in
            var activity = activities[employer.id] ?? MisuseSignals.Activity()
            activity.employees = employer.employees
            let signals = MisuseSignals.detect(activity, thresholds: thresholds)
            return signals.isEmpty ? nil : Flagged(employerID: employer.id, name: employer.name, activity: activity, signals: signals)
        }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    /// One employer's counts and signals, for its page.
    func signals(of employer: Employer) async throws -> (MisuseSignals.Activity, [MisuseSignals.Signal]) {
        guard let id = employer.id else { return (MisuseSignals.Activity(), []) }
        var activity = try await activities(of: id)[id] ?? MisuseSignals.Activity()
        activity.employees = employer.employees
        return (activity, MisuseSignals.detect(activity, thresholds: thresholds))
    }

    private struct Count: Decodable {
        let employer_id: UUID
        let n: Int
    }

    private struct WindowCounts: Decodable {
        let employer_id: UUID
        let in_window: Int
        let hires: Int
        let running: Int
    }

    /// Counts per employer, for one employer or all; three grouped queries however many employers.
    private func activities(of employerID: UUID?) async throws -> [UUID: MisuseSignals.Activity] {
        let windowStart = today.adding(days: -thresholds.lookBackDays)?.description ?? "0001-01-01"
        let day = today.description
        let onlyEmployer: SQLQueryString = employerID.map { " AND w.employer_id = \(bind: $0)" } ?? ""
        let placements: SQLQueryString = """
             placements pl JOIN workplaces w ON w.id = pl.workplace_id
            WHERE pl.status <> \(bind: "cancelled")
            """ + onlyEmployer
        let start: SQLQueryString = "COALESCE(pl.actual_start, pl.planned_start)"
        let end: SQLQueryString = "COALESCE(pl.actual_end, pl.planned_end)"

        var result: [UUID: MisuseSignals.Activity] = [:]
        func update(_ rows: [Count], _ apply: (inout MisuseSignals.Activity, Int) -> Void) {
            for row in rows { apply(&result[row.employer_id, default: MisuseSignals.Activity()], row.n) }
        }

        update(
            try await sql.raw(
                """
                SELECT employer_id, MAX(c) AS n FROM (
                  SELECT w.employer_id AS employer_id, COUNT(*) AS c FROM
                """ + placements + " GROUP BY w.employer_id, pl.participant_id, pl.workplace_id) repeated GROUP BY employer_id"
            ).all(decoding: Count.self)
        ) { $0.mostPlacementsOfOneParticipantAtOneWorkplace = $1 }

        // The window's three counts in one pass over the placements that end inside it or later
        // (found by the last-day index): interns in the window, their hires, and the placements
        // running today, which end after the window's start too. As three queries, each walked
        // every placement that had started by today, for every case worker's start page.
        let windowCounts = try await sql.raw(
            """
            SELECT w.employer_id AS employer_id,
              SUM(CASE WHEN \(start) <= \(bind: day) THEN 1 ELSE 0 END) AS in_window,
              SUM(CASE WHEN \(start) <= \(bind: day) AND pl.hired_by_host = \(bind: true) THEN 1 ELSE 0 END) AS hires,
              SUM(CASE WHEN \(start) <= \(bind: day) AND \(end) >= \(bind: day) THEN 1 ELSE 0 END) AS running
            FROM
            """ + placements + " AND " + end + " >= \(bind: min(windowStart, day)) GROUP BY w.employer_id"
        ).all(decoding: WindowCounts.self)
        for row in windowCounts {
            result[row.employer_id, default: MisuseSignals.Activity()].internsInWindow = row.in_window
            result[row.employer_id, default: MisuseSignals.Activity()].hiresInWindow = row.hires
            result[row.employer_id, default: MisuseSignals.Activity()].currentInterns = row.running
        }

        let overdueBefore = now.addingTimeInterval(-Double(thresholds.answerDays) * 86_400)
        let onlyRequests: SQLQueryString = employerID.map { " AND r.employer_id = \(bind: $0)" } ?? ""
        update(
            try await sql.raw(
                "SELECT r.employer_id AS employer_id, COUNT(*) AS n FROM employer_requests r WHERE r.answered_at IS NULL AND r.sent_at < \(bind: overdueBefore)"
                    + onlyRequests + " GROUP BY r.employer_id"
            ).all(decoding: Count.self)
        ) { $0.overdueRequests = $1 }
        return result
    }
}
