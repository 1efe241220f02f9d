import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The one writer of the audit log. Every view of a person's record and every change to personal
/// data calls `record` in the same database (and transaction) as the change itself.
struct AuditLog: Sendable {
    struct Actor: Sendable {
        var userID: UUID?
        var role: String
        var clientAddress: String?

        static func system(_ job: String) -> Actor { Actor(userID: nil, role: "system:\(job)", clientAddress: nil) }
    }

    enum Action: String, Sendable, CaseIterable {
        case view, create, update, delete, export, erase
        case signIn = "sign_in"
        case signOut = "sign_out"
        case passwordChange = "password_change"
        case tokenCreate = "token_create"
        case tokenRevoke = "token_revoke"
    }

    let database: any Database
    let clock: AppClock

    func record(_ action: Action, by actor: Actor, recordType: AuditRecordKind, recordID: UUID?, detail: String? = nil) async throws {
        let event = AuditEvent()
        event.occurredAt = clock.now()
        event.actorUserID = actor.userID
        event.actorRole = actor.role
        event.action = action.rawValue
        event.recordType = recordType.rawValue
        event.recordID = recordID?.uuidString
        event.detail = detail
        event.clientAddress = actor.clientAddress
        try await event.create(on: database)
    }

    /// The same event for many records at once (a bulk decision), in one multi-row INSERT.
    func record(_ action: Action, by actor: Actor, recordType: AuditRecordKind, recordIDs: [UUID], detail: String? = nil) async throws {
        guard !recordIDs.isEmpty else { return }
        let sql = try database.sql
        let now = clock.now()
        for chunk in stride(from: 0, to: recordIDs.count, by: 2_000).map({ recordIDs[$0..<min($0 + 2_000, recordIDs.count)] }) {
            let insert = sql.insert(into: AuditEvent.schema)
                .columns(
                    "id", "occurred_at", "actor_user_id", "actor_role", "action", "record_type", "record_id", "detail", "client_address")
            for id in chunk {
                insert.values([
                    SQLBind(UUID()), SQLBind(now), SQLBind(actor.userID), SQLBind(actor.role), SQLBind(action.rawValue),
                    SQLBind(recordType.rawValue), SQLBind(id.uuidString), SQLBind(detail), SQLBind(actor.clientAddress),
                ])
            }
            try await insert.run()
        }
    }
}

extension Request {
    var auditActor: AuditLog.Actor {
        AuditLog.Actor(userID: currentUser?.id, role: currentUser?.role.rawValue ?? "anonymous", clientAddress: clientAddress)
    }

    func auditLog(on database: (any Database)? = nil) -> AuditLog {
        AuditLog(database: database ?? db, clock: application.clock)
    }
}
