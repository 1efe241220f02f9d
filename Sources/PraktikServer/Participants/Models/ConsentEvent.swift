import Fluent
import Foundation

/// One entry in a participant's consent ledger: given or withdrawn, never edited or deleted.
final class ConsentEvent: Model, @unchecked Sendable {
    static let schema = "consent_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    @Field(key: "purpose_code") var purposeCode: String
    @Field(key: "action") var action: String
    @Field(key: "channel") var channel: String
    @Field(key: "text_version") var textVersion: Int
    @Field(key: "occurred_at") var occurredAt: Date
    /// Who recorded it: the case worker, or the participant's own account in the portal.
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "sequence") var sequence: Int

    init() {}
}
