import Fluent
import Foundation

/// A request to complete an application (komplettering): what is missing, by when. The applicant
/// answers on the status page; a reminder goes out before the deadline.
final class CompletionRequest: Model, @unchecked Sendable {
    static let schema = "completion_requests"

    enum Status: String, CaseIterable, Sendable {
        case open
        case answered
        /// The deadline passed without an answer; the application went back to the queue.
        case expired
        /// Withdrawn with the application, or replaced by a decision.
        case closed
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: IntakeApplication
    @Parent(key: "participant_id") var participant: Participant
    /// Comma-separated `CompletionItem` raw values.
    @Field(key: "items") var items: String
    /// The case worker's words to the applicant.
    @Field(key: "message") var message: String
    /// "YYYY-MM-DD": the last day to answer.
    @Field(key: "deadline") var deadline: String
    @Field(key: "status") var status: String
    @OptionalField(key: "requested_by") var requestedBy: UUID?
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "reminder_sent_at") var reminderSentAt: Date?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answer_text") var answerText: String?
    @OptionalField(key: "closed_at") var closedAt: Date?

    init() {}
}
