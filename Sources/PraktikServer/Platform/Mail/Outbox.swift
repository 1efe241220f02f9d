import Fluent
import Foundation
import Vapor

/// Queues mail in the database and hands it to the transport.
struct Outbox: Sendable {
    let database: any Database
    let clock: AppClock

    func enqueue(to address: String, subject: String, body: String, participantID: UUID?) async throws {
        let message = OutboxMessage()
        message.toAddress = address
        message.subject = subject
        message.bodyText = body
        message.participantID = participantID
        message.createdAt = clock.now()
        message.attempts = 0
        try await message.create(on: database)
    }

    /// Sends what is waiting. A failure is recorded on the message and retried on the next call.
    @discardableResult
    func deliverPending(via transport: any MailTransport, logger: Logger, limit: Int = 100) async throws -> Int {
        let pending = try await OutboxMessage.query(on: database)
            .filter(\.$sentAt == nil).filter(\.$attempts < 10)
            .sort(\.$createdAt).limit(limit).all()
        var sent = 0
        for message in pending {
            message.attempts += 1
            do {
                try await transport.send(
                    OutgoingMail(id: try message.requireID(), to: message.toAddress, subject: message.subject, body: message.bodyText))
                message.sentAt = clock.now()
                message.lastError = nil
                sent += 1
            } catch {
                message.lastError = String(describing: error)
                logger.warning("mail delivery failed", metadata: ["message": .string(message.id?.uuidString ?? "")])
            }
            try await message.save(on: database)
        }
        return sent
    }
}

extension Request {
    var outbox: Outbox { Outbox(database: db, clock: application.clock) }

    /// Delivers waiting mail now. Mail stays queued if this fails; nothing the user did is undone.
    func deliverMail() async {
        do {
            try await outbox.deliverPending(via: application.mailTransport, logger: logger)
        } catch {
            logger.warning("outbox delivery failed: \(String(describing: error))")
        }
    }
}
