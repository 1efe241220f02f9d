import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The one place that answers "is purpose P active for person X now?" and records consent.
/// Every feature that needs consent asks here.
struct ConsentService: Sendable {
    let database: any Database
    let clock: AppClock

    func ledger(for participantID: UUID) async throws -> ConsentLedger {
        let events = try await ConsentEvent.query(on: database).filter(\.$participant.$id == participantID).all()
        return ConsentLedger(entries: events.compactMap { event in
            ConsentAction(rawValue: event.action).map {
                ConsentEntry(purpose: event.purposeCode, action: $0, at: event.occurredAt.timeIntervalSince1970, sequence: event.sequence)
            }
        })
    }

    func isActive(_ purpose: BuiltInConsentPurpose, for participantID: UUID) async throws -> Bool {
        try await isActive(purpose.rawValue, for: participantID)
    }

    func isActive(_ purposeCode: String, for participantID: UUID) async throws -> Bool {
        try await ledger(for: participantID).isActive(purposeCode, at: clock.now().timeIntervalSince1970)
    }

    /// Appends to the ledger. The purpose's current text version is recorded with the entry, so it
    /// is always known which wording the person agreed to.
    func record(
        _ action: ConsentAction, purpose code: String, channel: ConsentChannel, participantID: UUID, by actor: AuditLog.Actor
    ) async throws {
        guard let purpose = try await ConsentPurposeRecord.query(on: database).filter(\.$code == code).first() else {
            throw AppError.badRequest(messageKey: "consent.unknown-purpose")
        }
        try await database.transaction { db in
            let sequence = try await ConsentEvent.query(on: db).filter(\.$participant.$id == participantID).count() + 1
            let event = ConsentEvent()
            event.$participant.id = participantID
            event.purposeCode = purpose.code
            event.action = action.rawValue
            event.channel = channel.rawValue
            event.textVersion = purpose.textVersion
            event.occurredAt = clock.now()
            event.recordedBy = actor.userID
            event.sequence = sequence
            try await event.create(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: "participant", recordID: participantID, detail: "consent \(purpose.code)=\(action.rawValue)")
        }
    }

    struct PurposeRow: Codable, Sendable {
        let code: String
        let legal_basis: String
        let text_sv: String
        let text_en: String
        let text_version: Int
        let is_built_in: Bool
    }

    func purposes() async throws -> [PurposeRow] {
        let sql = try database.sql
        return try await sql.select().columns("code", "legal_basis", "text_sv", "text_en", "text_version", "is_built_in")
            .from(ConsentPurposeRecord.schema).orderBy("is_built_in", .descending).orderBy("code")
            .all(decoding: PurposeRow.self)
    }
}
