import Fluent
import Foundation

/// An e-mail waiting to be sent, or sent. Written in the same transaction as the change that
/// causes it, so a message is never lost nor sent for a change that was rolled back.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "body_text") var bodyText: String
    /// The participant the message is about, if any: for their data export and for erasure.
    @OptionalField(key: "participant_id") var participantID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_error") var lastError: String?
    /// The deliverer holding the message while it sends it (`Outbox.deliverPending`).
    @OptionalField(key: "claimed_by") var claimedBy: String?
    /// The end of that claim; after a failed attempt, when the next may start.
    @OptionalField(key: "claimed_until") var claimedUntil: Date?

    init() {}
}
