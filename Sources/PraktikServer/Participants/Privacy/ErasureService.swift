import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Erases a participant: every identifying value is removed, everywhere; what remains is kept,
/// anonymous, so that statistics do not change. Used by a case worker or admin on request and by
/// the retention job.
struct ErasureService: Sendable {
    let database: any Database
    let clock: AppClock

    func erase(_ participant: Participant, by actor: AuditLog.Actor) async throws {
        guard participant.erasedAt == nil else { return }
        let id = try participant.requireID()
        let oldEmail = participant.email
        try await database.writingTransaction { db in
            let sql = try db.sql
            participant.firstName = nil
            participant.lastName = nil
            participant.email = nil
            participant.phone = nil
            participant.postalAddress = nil
            participant.personIdentifier = nil
            // Free text can name a school or a place that identifies the person; the level stays.
            participant.educationField = nil
            participant.searchText = nil
            participant.erasedAt = clock.now()
            try await participant.save(on: db)

            // The portal account: disabled, its name gone, every session ended.
            let accounts = try await User.query(on: db).filter(\.$participant.$id == id).all()
            for account in accounts {
                account.displayName = ""
                account.isActive = false
                account.passwordHash = SecretToken.generate()
                try await account.save(on: db)
                try await SessionStore(database: db, clock: clock, lifetime: .init()).endAll(
                    for: try account.requireID(), reason: .disabled)
            }
            try await PortalSignInLink.query(on: db).filter(\.$participant.$id == id).delete()
            try await TransferService.closeRequests(for: id, because: .cancelled, by: actor, clock: clock, on: db)
            try await PlacementErasure.erase(participantID: id, on: db, clock: clock)
            try await OfferErasure.erase(participantID: id, on: db, clock: clock)
            try await InterviewErasure.erase(participantID: id, on: db, clock: clock)
            try await ApplicationErasure.erase(participantID: id, on: sql)
            // Mail to the person names them and their address; it has served its purpose.
            try await sql.delete(from: OutboxMessage.schema).where("participant_id", .equal, SQLBind(id)).run()
            if let oldEmail {
                try await sql.delete(from: OutboxMessage.schema).where("to_address", .equal, SQLBind(oldEmail)).run()
                try await sql.delete(from: LoginAttempt.schema).where("account_key", .equal, SQLBind(oldEmail)).run()
            }
            try await AuditLog(database: db, clock: clock).record(.erase, by: actor, recordType: .participant, recordID: id)
        }
    }
}
