import Fluent
import Foundation
import SQLKit

/// Everything Praktik holds about one participant, for the person's right of access (and, for the
/// consent-based parts, portability): their record, every row in every table linked to them, and
/// who has viewed or changed their record.
struct PersonalDataExport: Codable, Sendable {
    struct AccessEntry: Codable, Sendable {
        let occurredAt: Date
        let action: String
        let actorName: String?
        let actorRole: String
        let detail: String?
    }

    let generatedAt: Date
    let participantID: UUID
    let participant: [String: String]
    /// Table name to its rows about the person.
    let linkedRecords: [String: [[String: String]]]
    let accessLog: [AccessEntry]

    static func collect(participantID: UUID, on database: any Database, now: Date) async throws -> PersonalDataExport {
        let sql = try database.sql
        guard
            let participant = try await sql.select().column("*").from(Participant.schema)
                .where("id", .equal, SQLBind(participantID)).first()?.exportedValues()
        else { throw AppError.notFound }

        var linked: [String: [[String: String]]] = [:]
        for table in try await PersonalDataTables.linkedToParticipants(sql) {
            let rows = try await sql.select().column("*").from(table)
                .where("participant_id", .equal, SQLBind(participantID)).all()
            if !rows.isEmpty { linked[table] = rows.map { $0.exportedValues() } }
        }

        struct AccessRow: Decodable {
            let occurred_at: Date
            let action: String
            let display_name: String?
            let actor_role: String
            let detail: String?
        }
        let access = try await sql.raw(
            """
            SELECT a.occurred_at, a.action, u.display_name, a.actor_role, a.detail
            FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
            WHERE a.record_type = 'participant' AND a.record_id = \(bind: participantID.uuidString)
            ORDER BY a.occurred_at
            """
        ).all(decoding: AccessRow.self)

        return PersonalDataExport(
            generatedAt: now, participantID: participantID, participant: participant, linkedRecords: linked,
            accessLog: access.map {
                AccessEntry(
                    occurredAt: $0.occurred_at, action: $0.action, actorName: $0.display_name, actorRole: $0.actor_role, detail: $0.detail)
            })
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}
