import Fluent
import Foundation
import PraktikCore

/// One follow-up form for one respondent of a placement: when it is due, when it was sent and
/// reminded, and who answered it how (by link, in a portal, or a case worker on someone's behalf).
final class FollowUp: Model, @unchecked Sendable {
    static let schema = "follow_ups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "placement_id") var placement: Placement
    @Field(key: "participant_id") var participantID: UUID
    /// The version the form was created with; its answers keep it, whatever is edited later.
    @Parent(key: "template_version_id") var templateVersion: FollowUpTemplateVersion
    @Field(key: "stage") var stage: String
    @Field(key: "respondent") var respondent: String
    @Field(key: "due_on") var dueOn: String
    /// The respondent's language (`sv`, `en`, `da`): the form and its mail are written in it.
    @Field(key: "language") var language: String
    @OptionalField(key: "recipient_email") var recipientEmail: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "expires_on") var expiresOn: String?
    @Field(key: "reminders_sent") var remindersSent: Int
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    /// `FollowUpChannel` raw value.
    @OptionalField(key: "answered_via") var answeredVia: String?
    /// A case worker answered for the respondent (on the phone, at a meeting).
    @Field(key: "on_behalf") var onBehalf: Bool
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var followUpStage: FollowUpStage { FollowUpStage(rawValue: stage) ?? .end }
    var followUpRespondent: FollowUpRespondent { FollowUpRespondent(rawValue: respondent) ?? .caseWorker }
    var isOpen: Bool { answeredAt == nil && cancelledAt == nil }
}

/// How a form was answered.
enum FollowUpChannel: String, CaseIterable, Sendable {
    case link
    case employerPortal = "employer_portal"
    case caseWorker = "case_worker"
}

/// One answer of one form, as stored.
final class FollowUpAnswerRecord: Model, @unchecked Sendable {
    static let schema = "follow_up_answers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "follow_up_id") var followUp: FollowUp
    @Field(key: "participant_id") var participantID: UUID
    @Field(key: "question_key") var questionKey: String
    @Field(key: "question_kind") var questionKind: String
    @OptionalField(key: "meaning") var meaning: String?
    @Field(key: "value") var value: String
    @OptionalField(key: "number") var number: Int?

    init() {}
}
