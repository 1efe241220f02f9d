import Fluent
import Foundation

/// A selection of job seekers invited to apply to an intake: the criteria used, how many it found
/// and how they are reached, and when the invitations went out.
final class OutreachSelection: Model, @unchecked Sendable {
    static let schema = "outreach_selections"

    enum Status: String, Sendable {
        case selected
        case sending
        case sent
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "intake_id") var intake: Intake
    /// JSON of `OutreachCriteria`.
    @Field(key: "criteria") var criteria: String
    @Field(key: "recipient_count") var recipientCount: Int
    @Field(key: "email_count") var emailCount: Int
    @Field(key: "letter_count") var letterCount: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

/// One person in an outreach selection, reached by e-mail or by a printed letter.
final class OutreachRecipient: Model, @unchecked Sendable {
    static let schema = "outreach_recipients"

    enum Channel: String, Sendable {
        case email
        case letter
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "selection_id") var selection: OutreachSelection
    @Parent(key: "intake_id") var intake: Intake
    @Parent(key: "participant_id") var participant: Participant
    @Field(key: "channel") var channel: String
    @Field(key: "language") var language: String
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}
