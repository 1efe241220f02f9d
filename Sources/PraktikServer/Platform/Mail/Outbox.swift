import Fluent
import Foundation
import SQLKit
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

    /// How long a deliverer may hold a message it claimed before another may send it: covers a
    /// slow relay, and frees the message of a deliverer that stopped.
    static let claimLease: TimeInterval = 5 * 60
    /// After a failed attempt the message waits this long times the attempts made.
    static let retryStep: TimeInterval = 30
    static let maximumAttempts = 10

    /// Sends what is waiting, claiming each message before sending it: requests (right after their
    /// transaction) and the mail job, on any number of instances, call this at once, and each
    /// message goes to the transport once. A failure is recorded on the message, which is tried
    /// again after `retryStep × attempts`; an instance that stops mid-send frees its message when
    /// the claim runs out (that message may then be sent twice, the unavoidable case without a
    /// relay that deduplicates; its id is the file name or Message-ID).
    @discardableResult
    func deliverPending(via transport: any MailTransport, logger: Logger, limit: Int = 100) async throws -> Int {
        let deliverer = UUID().uuidString
        var sent = 0
        for _ in 0..<limit {
            guard let message = try await claimNext(by: deliverer) else { break }
            do {
                try await transport.send(
                    OutgoingMail(id: message.id, to: message.to_address, subject: message.subject, body: message.body_text))
                try await finish(message.id, by: deliverer, "sent_at = \(bind: clock.now()), claimed_until = NULL, last_error = NULL")
                sent += 1
            } catch {
                logger.warning("mail delivery failed", metadata: ["message": .string(message.id.uuidString)])
                let retryAt = clock.now().addingTimeInterval(Self.retryStep * Double(message.attempts))
                try await finish(
                    message.id, by: deliverer,
                    "claimed_until = \(bind: retryAt), last_error = \(bind: String(String(describing: error).prefix(2000)))")
            }
        }
        return sent
    }

    private struct Claimed: Decodable {
        let id: UUID
        let to_address: String
        let subject: String
        let body_text: String
        let attempts: Int
    }

    /// The oldest unsent message nobody holds, claimed with one conditional UPDATE (the candidate's
    /// conditions are checked again by the UPDATE itself, so of two deliverers choosing the same
    /// message one gets it and the other tries the next).
    private func claimNext(by deliverer: String) async throws -> Claimed? {
        let sql = try database.sql
        let now = clock.now()
        let free: SQLQueryString = """
            sent_at IS NULL AND attempts < \(bind: Self.maximumAttempts) AND (claimed_until IS NULL OR claimed_until < \(bind: now))
            """
        let candidate: SQLQueryString = "SELECT id FROM outbox_messages WHERE " + free + " ORDER BY created_at LIMIT 1"
        let claim: SQLQueryString =
            "UPDATE outbox_messages SET claimed_by = \(bind: deliverer), claimed_until = \(bind: now.addingTimeInterval(Self.claimLease)), "
            + "attempts = attempts + 1 WHERE id = (" + candidate + ") AND " + free
            + " RETURNING id, to_address, subject, body_text, attempts"
        struct Found: Decodable { let id: UUID }
        for _ in 0..<5 {
            if let claimed = try await sql.raw(claim).first(decoding: Claimed.self) { return claimed }
            if try await sql.raw(candidate).first(decoding: Found.self) == nil { return nil }
        }
        return nil
    }

    /// Records the attempt's result, if the message is still this deliverer's.
    private func finish(_ id: UUID, by deliverer: String, _ assignments: SQLQueryString) async throws {
        try await database.sql.raw(
            "UPDATE outbox_messages SET claimed_by = NULL, " + assignments
                + " WHERE id = \(bind: id) AND claimed_by = \(bind: deliverer)"
        ).run()
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
