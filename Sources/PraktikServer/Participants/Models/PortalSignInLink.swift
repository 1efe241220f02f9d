import Fluent
import Foundation

/// A one-time sign-in link for the participant portal, sent by e-mail. Only its digest is stored;
/// it expires after a short time and works once.
final class PortalSignInLink: Model, @unchecked Sendable {
    static let schema = "portal_sign_in_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}
