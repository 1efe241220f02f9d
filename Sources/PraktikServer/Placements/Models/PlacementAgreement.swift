import Fluent
import Foundation

/// The agreed purpose of a placement: goals, tasks and the supervisor, confirmed by the participant
/// and the supervisor each by link. `version` rises with every change; a change clears both
/// confirmations, so a confirmation always refers to the text as it stands.
final class PlacementAgreement: Model, @unchecked Sendable {
    static let schema = "placement_agreements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "placement_id") var placement: Placement
    @Field(key: "participant_id") var participantID: UUID
    @Field(key: "purpose") var purpose: String
    @Field(key: "goals") var goals: String
    @Field(key: "tasks") var tasks: String
    @Field(key: "supervisor_name") var supervisorName: String
    @OptionalField(key: "supervisor_email") var supervisorEmail: String?
    @OptionalField(key: "supervisor_phone") var supervisorPhone: String?
    /// The employer contact's account, when the supervisor has one: then forms also wait in the portal.
    @OptionalParent(key: "supervisor_user_id") var supervisorUser: User?
    @Field(key: "supervisor_language") var supervisorLanguage: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "participant_confirmed_at") var participantConfirmedAt: Date?
    @OptionalField(key: "supervisor_confirmed_at") var supervisorConfirmedAt: Date?
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var isConfirmedByBoth: Bool { participantConfirmedAt != nil && supervisorConfirmedAt != nil }
}
