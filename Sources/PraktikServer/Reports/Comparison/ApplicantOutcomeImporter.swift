import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Loads a register's file of applicants' situations at the 3-month horizon of their intake
/// (`person_number,status`) into `applicant_outcomes`, for the comparison of placed and not placed
/// applicants. A row must name an applicant of the intake who was eligible (green: by the rules, or
/// an orange one cleared by a case worker) and was not placed: a placed person's 3-month outcome is
/// their placement's own (`placement_outcomes`). All or nothing, every invalid row by line;
/// importing the same file again changes nothing, and a changed status replaces the old one, audited.
struct ApplicantOutcomeImporter: Sendable {
    let database: any Database
    let clock: AppClock

    static let horizon = OutcomeHorizon.threeMonths

    struct Plan: Sendable {
        var parsed: ApplicantOutcomeFile.Parsed
        var problems: [RegisterOutcomeFile.Problem]
        var fileProblem: String?
        /// The day the register was read for: the intake's last placement day plus three months.
        var measuredOn: CivilDate?
        var inserts: [Write] = []
        var changes: [Write] = []
        var unchanged = 0

        var hasProblems: Bool { fileProblem != nil || !problems.isEmpty }
    }

    struct Write: Sendable {
        let line: Int
        let applicationID: UUID
        let participantID: UUID
        let status: OutcomeStatus
        let previous: String?
    }

    struct Outcome: Sendable, Equatable {
        var created = 0
        var changed = 0
        var unchanged = 0
    }

    /// The SQL condition, on an application `a`, of an applicant the intake found eligible: green
    /// now (a case worker's clearing of an orange one makes it green) and not withdrawn or refused.
    static var eligible: SQLQueryString {
        """
        a.colour = \(bind: EligibilityColour.green.rawValue)
          AND a.status NOT IN (\(binds: [ApplicationStatus.withdrawn, .notEligible].map(\.rawValue)))
        """
    }

    /// The SQL condition, on an application `a`, of an applicant who was placed: the application says
    /// so, or a placement was decided from it.
    static var placed: SQLQueryString {
        """
        (a.status = \(bind: ApplicationStatus.placed.rawValue) OR EXISTS (SELECT 1 FROM placements pl
          WHERE pl.application_id = a.id AND pl.status <> \(bind: PlacementStatus.cancelled.rawValue)))
        """
    }

    func plan(_ content: String, intakeID: UUID) async throws -> Plan {
        let today = try clock.today()
        let parsed = ApplicantOutcomeFile.parse(content, today: today)
        var plan = Plan(parsed: parsed, problems: parsed.problems, fileProblem: parsed.fileProblem)
        guard let intake = try await Intake.find(intakeID, on: database) else { throw AppError.notFound }
        guard let end = CivilDate(iso8601: intake.placementEnd) else {
            plan.fileProblem = "applicant-outcome.file.intake-dates"
            return plan
        }
        let measuredOn = OutcomeCheckpoints.dueDate(of: Self.horizon, afterEnd: end)
        plan.measuredOn = measuredOn
        if measuredOn > today {
            plan.fileProblem = "applicant-outcome.file.too-early"
            return plan
        }
        guard plan.fileProblem == nil else { return plan }

        struct Applicant: Decodable {
            let id: UUID
            let participant_id: UUID
            let person_identifier: String?
            let eligible: Int
            let placed: Int
            let previous: String?
        }
        let applicants = try await database.sql.raw(
            """
            SELECT a.id, a.participant_id, p.person_identifier,
              CASE WHEN \(Self.eligible) THEN 1 ELSE 0 END AS eligible,
              CASE WHEN \(Self.placed) THEN 1 ELSE 0 END AS placed, ao.status AS previous
            FROM applications a JOIN participants p ON p.id = a.participant_id
            LEFT JOIN applicant_outcomes ao ON ao.application_id = a.id AND ao.horizon = \(bind: Self.horizon.rawValue)
            WHERE a.intake_id = \(bind: intakeID)
            """
        ).all(decoding: Applicant.self)
        var byPerson: [String: Applicant] = [:]
        for applicant in applicants { if let key = applicant.person_identifier { byPerson[key] = applicant } }

        let column = ApplicantOutcomeFile.Column.personNumber.rawValue
        for row in parsed.rows {
            guard let applicant = row.personCandidates.compactMap({ byPerson[$0] }).first else {
                plan.problems.append(.init(line: row.line, column: column, code: "applicant-outcome.row.not-an-applicant"))
                continue
            }
            if applicant.eligible == 0 {
                plan.problems.append(.init(line: row.line, column: column, code: "applicant-outcome.row.not-eligible"))
                continue
            }
            if applicant.placed == 1 {
                plan.problems.append(.init(line: row.line, column: column, code: "applicant-outcome.row.placed"))
                continue
            }
            let write = Write(
                line: row.line, applicationID: applicant.id, participantID: applicant.participant_id, status: row.status,
                previous: applicant.previous)
            switch applicant.previous {
            case nil: plan.inserts.append(write)
            case row.status.rawValue?: plan.unchanged += 1
            default: plan.changes.append(write)
            }
        }
        plan.problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        return plan
    }

    /// Plans the file again and, if no row has a problem, stores it; call inside a transaction. The
    /// outcome is nil when nothing was stored.
    func store(
        _ content: String, intakeID: UUID, sourceName: String, by actor: AuditLog.Actor
    ) async throws -> (Plan, Outcome?) {
        let plan = try await plan(content, intakeID: intakeID)
        guard !plan.hasProblems, let measuredOn = plan.measuredOn else { return (plan, nil) }
        let sql = try database.sql
        let now = clock.now()
        let columns = [
            "id", "intake_id", "application_id", "participant_id", "horizon", "measured_on", "status", "source", "source_name",
            "recorded_at",
        ]
        // Ten columns a row: well inside both drivers' bind limits.
        for chunk in stride(from: 0, to: plan.inserts.count, by: 500).map({ plan.inserts[$0..<min($0 + 500, plan.inserts.count)] }) {
            var insert = sql.insert(into: "applicant_outcomes").columns(columns)
            for write in chunk {
                insert = insert.values([
                    SQLBind(UUID()), SQLBind(intakeID), SQLBind(write.applicationID), SQLBind(write.participantID),
                    SQLBind(Self.horizon.rawValue), SQLBind(measuredOn.description), SQLBind(write.status.rawValue),
                    SQLBind(OutcomeSource.register.rawValue), SQLBind(sourceName), SQLBind(now),
                ])
            }
            try await insert.run()
        }
        let audit = AuditLog(database: database, clock: clock)
        try await audit.record(
            .create, by: actor, recordType: .application, recordIDs: plan.inserts.map(\.applicationID),
            detail: "applicant outcome \(Self.horizon.rawValue) source=register")
        for write in plan.changes {
            try await sql.update("applicant_outcomes")
                .set("status", to: SQLBind(write.status.rawValue)).set("measured_on", to: SQLBind(measuredOn.description))
                .set("source_name", to: SQLBind(sourceName)).set("recorded_at", to: SQLBind(now))
                .where("application_id", .equal, SQLBind(write.applicationID))
                .where("horizon", .equal, SQLBind(Self.horizon.rawValue)).run()
            try await audit.record(
                .update, by: actor, recordType: .application, recordID: write.applicationID,
                detail: "applicant outcome \(Self.horizon.rawValue) \(write.previous ?? "")→\(write.status.rawValue) source=register")
        }
        let outcome = Outcome(created: plan.inserts.count, changed: plan.changes.count, unchanged: plan.unchanged)
        try await audit.record(
            .create, by: actor, recordType: .intake, recordID: intakeID,
            detail: "applicant outcomes imported: \(outcome.created) new, \(outcome.changed) changed, \(outcome.unchanged) unchanged")
        return (plan, outcome)
    }
}
