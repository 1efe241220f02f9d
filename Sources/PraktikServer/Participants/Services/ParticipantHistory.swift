import Foundation
import PraktikCore
import SQLKit

/// What has happened to a participant's record, as typed events read from the records themselves
/// (registration, consents, placements, exit, outcomes) and from the audit log only for what has
/// no table of its own (which details were changed, erasure). The record page's timeline and the
/// person's own data page both translate these; neither shows a stored code.
///
/// Built from the records rather than from the audit log alone, so that records made without a
/// request (the demo data, imports) have a history too, and each event appears once.
struct ParticipantHistory: Sendable {
    let sql: any SQLDatabase

    /// Who did it, as stored; `AuditActorName` puts it in words.
    struct Actor: Sendable, Equatable {
        var name: String?
        var role: String
        var unitName: String?
    }

    enum Event: Sendable {
        case registered(at: Date, by: Actor?)
        case detailsChanged(at: Date, fields: [String], by: Actor?)
        case consent(at: Date, purposeCode: String, isBuiltIn: Bool, action: ConsentAction, channel: ConsentChannel?, by: Actor?)
        case placement(start: CivilDate, end: CivilDate, placeTitle: String, workplaceName: String)
        case exited(on: CivilDate, reason: String, outcomeAtExit: String?, by: Actor?)
        case outcome(at: Date, horizon: String, status: String, source: String, by: Actor?)
        case erased(at: Date, by: Actor?)

        /// When it happened, for ordering: dates count as noon UTC of their day.
        var sortKey: Double {
            switch self {
            case .registered(let at, _), .detailsChanged(let at, _, _), .consent(let at, _, _, _, _, _), .outcome(let at, _, _, _, _),
                .erased(let at, _):
                at.timeIntervalSince1970
            case .placement(let start, _, _, _): start.noonTimestamp
            case .exited(let date, _, _, _): date.noonTimestamp
            }
        }
    }

    /// Every event about the participant, newest first.
    func events(of participantID: UUID) async throws -> [Event] {
        var events: [Event] = []
        let audited = try await auditEvents(of: participantID)

        struct ParticipantRow: Decodable {
            let created_at: Date?
            let exit_date: String?
            let exit_reason: String?
        }
        let participant = try await sql.select().columns("created_at", "exit_date", "exit_reason").from("participants")
            .where("id", .equal, SQLBind(participantID)).first(decoding: ParticipantRow.self)
        let creation = audited.first { $0.action == AuditLog.Action.create.rawValue }
        if let at = participant?.created_at ?? creation?.occurred_at {
            events.append(.registered(at: at, by: creation?.actor))
        }
        for change in audited where change.action == AuditLog.Action.update.rawValue {
            guard let detail = change.detail, detail.hasPrefix("changed=") else { continue }
            let fields = detail.dropFirst("changed=".count).split(separator: ",").map(String.init)
            if !fields.isEmpty { events.append(.detailsChanged(at: change.occurred_at, fields: fields, by: change.actor)) }
        }
        for erasure in audited where erasure.action == AuditLog.Action.erase.rawValue {
            events.append(.erased(at: erasure.occurred_at, by: erasure.actor))
        }

        struct ConsentRow: Decodable {
            let occurred_at: Date
            let purpose_code: String
            let action: String
            let channel: String
            let is_built_in: Bool?
            let display_name: String?
            let role: String?
            let unit_name: String?
        }
        let consents = try await sql.raw(
            """
            SELECT c.occurred_at, c.purpose_code, c.action, c.channel, p.is_built_in, u.display_name, u.role, un.name AS unit_name
            FROM consent_events c
            LEFT JOIN consent_purposes p ON p.code = c.purpose_code
            LEFT JOIN users u ON u.id = c.recorded_by
            LEFT JOIN units un ON un.id = u.unit_id
            WHERE c.participant_id = \(bind: participantID)
            ORDER BY c.occurred_at, c.sequence
            """
        ).all(decoding: ConsentRow.self)
        for row in consents {
            guard let action = ConsentAction(rawValue: row.action) else { continue }
            events.append(
                .consent(
                    at: row.occurred_at, purposeCode: row.purpose_code, isBuiltIn: row.is_built_in ?? false, action: action,
                    channel: ConsentChannel(rawValue: row.channel),
                    by: row.role.map { Actor(name: row.display_name, role: $0, unitName: row.unit_name) }))
        }

        struct PlacementRow: Decodable {
            let planned_start: String
            let planned_end: String
            let actual_start: String?
            let actual_end: String?
            let title: String
            let workplace_name: String
            let address: String
        }
        let placements = try await sql.raw(
            """
            SELECT pl.planned_start, pl.planned_end, pl.actual_start, pl.actual_end, p.title, w.name AS workplace_name, w.address
            FROM placements pl JOIN places p ON p.id = pl.place_id JOIN workplaces w ON w.id = pl.workplace_id
            WHERE pl.participant_id = \(bind: participantID)
            """
        ).all(decoding: PlacementRow.self)
        for row in placements {
            guard let start = CivilDate(iso8601: row.actual_start ?? row.planned_start),
                let end = CivilDate(iso8601: row.actual_end ?? row.planned_end)
            else { continue }
            events.append(
                .placement(
                    start: start, end: end, placeTitle: row.title,
                    workplaceName: row.workplace_name.isEmpty ? row.address : row.workplace_name))
        }

        struct OutcomeRow: Decodable {
            let recorded_at: Date
            let horizon: String
            let status: String
            let source: String
            let display_name: String?
            let role: String?
            let unit_name: String?
        }
        let outcomes = try await sql.raw(
            """
            SELECT o.recorded_at, o.horizon, o.status, o.source, u.display_name, u.role, un.name AS unit_name
            FROM participant_outcomes o
            LEFT JOIN users u ON u.id = o.recorded_by
            LEFT JOIN units un ON un.id = u.unit_id
            WHERE o.participant_id = \(bind: participantID)
            """
        ).all(decoding: OutcomeRow.self)
        let atExit = outcomes.first { $0.horizon == OutcomeHorizon.atExit.rawValue }
        for row in outcomes where row.horizon != OutcomeHorizon.atExit.rawValue {
            events.append(
                .outcome(
                    at: row.recorded_at, horizon: row.horizon, status: row.status, source: row.source,
                    by: row.role.map { Actor(name: row.display_name, role: $0, unitName: row.unit_name) }))
        }

        // The exit is one event: its date and reason from the record, the outcome at exit beside it.
        if let exitDate = participant?.exit_date.flatMap(CivilDate.init(iso8601:)) {
            let audit = audited.last { $0.detail?.hasPrefix("exit ") == true }
            events.append(
                .exited(on: exitDate, reason: participant?.exit_reason ?? "other", outcomeAtExit: atExit?.status, by: audit?.actor))
        }
        // Newest first; events at the same moment in the reverse of the order they were recorded
        // (a consent given and withdrawn within a second: the withdrawal is the latest).
        return events.enumerated().sorted { ($0.element.sortKey, $0.offset) > ($1.element.sortKey, $1.offset) }.map(\.element)
    }

    private struct AuditRow: Decodable {
        let occurred_at: Date
        let action: String
        let detail: String?
        let actor_role: String
        let display_name: String?
        let unit_name: String?

        var actor: Actor { Actor(name: display_name, role: actor_role, unitName: unit_name) }
    }

    private func auditEvents(of participantID: UUID) async throws -> [AuditRow] {
        try await sql.raw(
            """
            SELECT a.occurred_at, a.action, a.detail, a.actor_role, u.display_name, un.name AS unit_name
            FROM audit_events a
            LEFT JOIN users u ON u.id = a.actor_user_id
            LEFT JOIN units un ON un.id = u.unit_id
            WHERE a.record_type = \(bind: AuditRecordKind.participant.rawValue) AND a.record_id = \(bind: participantID.uuidString)
              AND a.action IN ('create', 'update', 'erase')
            ORDER BY a.occurred_at
            """
        ).all(decoding: AuditRow.self)
    }
}
