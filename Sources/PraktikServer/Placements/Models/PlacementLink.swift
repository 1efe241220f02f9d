import Fluent
import Foundation

/// A single-purpose link for someone without an account. The secret is in the mailed URL only.
final class PlacementLink: Model, @unchecked Sendable {
    static let schema = "placement_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_digest") var tokenDigest: String
    /// `PlacementLink.Kind` raw value.
    @Field(key: "kind") var kind: String
    /// The follow-up form, agreement or outcome checkpoint the link opens.
    @Field(key: "subject_id") var subjectID: UUID
    @Parent(key: "placement_id") var placement: Placement
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    enum Kind: String, CaseIterable, Sendable {
        case followUp = "follow_up"
        case agreementParticipant = "agreement_participant"
        case agreementSupervisor = "agreement_supervisor"
        case checkpoint
    }
}
