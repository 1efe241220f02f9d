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
        // Read as plain rows: every active employer's (9,714 after a large history import) went
        // through SQLKit's decoder in 12 % of the signals page's time.
        let employers = try await sql.plainRows(
            "SELECT id, name, employees FROM employers WHERE is_active = \(bind: true)" as SQLQueryString
        ).map {
            (id: try $0.uuid("id"), name: try $0.value("name", as: String.self), employees: try $0.optional("employees", as: Int.self))
        }
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

    /// Counts per employer, for one employer or all; two grouped queries however many employers.
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
        // One pass over the placements that end inside the window or later (found by the last-day
        // index) gives the window's three counts (interns in the window, their hires, the
        // placements running today, which end after the window's start too) and the repeated
        // placements: for each placement, how many its participant has had at its workplace
        // (counted in the participant's index, which holds the workplace and status for this).
        // Grouping every placement ever made by participant and workplace instead ran on every
        // case worker's start page: 4.1 s after a 1,000,000-placement history import.
        let windowCounts = try await sql.plainRows(
            """
            SELECT w.employer_id AS employer_id,
              SUM(CASE WHEN \(start) <= \(bind: day) THEN 1 ELSE 0 END) AS in_window,
              SUM(CASE WHEN \(start) <= \(bind: day) AND pl.hired_by_host = \(bind: true) THEN 1 ELSE 0 END) AS hires,
              SUM(CASE WHEN \(start) <= \(bind: day) AND \(end) >= \(bind: day) THEN 1 ELSE 0 END) AS running,
              MAX((SELECT COUNT(*) FROM placements same WHERE same.participant_id = pl.participant_id
                AND same.workplace_id = pl.workplace_id AND same.status <> \(bind: "cancelled"))) AS most_repeated
            FROM
            """ + placements + " AND " + end + " >= \(bind: min(windowStart, day)) GROUP BY w.employer_id"
        )
        for row in windowCounts {
            result[try row.uuid("employer_id")] = MisuseSignals.Activity(
                mostPlacementsOfOneParticipantAtOneWorkplace: try row.value("most_repeated"), internsInWindow: try row.value("in_window"),
                hiresInWindow: try row.value("hires"), currentInterns: try row.value("running"))
        }

        let overdueBefore = now.addingTimeInterval(-Double(thresholds.answerDays) * 86_400)
        let onlyRequests: SQLQueryString = employerID.map { " AND r.employer_id = \(bind: $0)" } ?? ""
        let overdue = try await sql.plainRows(
            "SELECT r.employer_id AS employer_id, COUNT(*) AS n FROM employer_requests r WHERE r.answered_at IS NULL AND r.sent_at < \(bind: overdueBefore)"
                + onlyRequests + " GROUP BY r.employer_id")
        for row in overdue {
            result[try row.uuid("employer_id"), default: MisuseSignals.Activity()].overdueRequests = try row.value("n")
        }
        return result
    }
}
