import Fluent
import Foundation

/// A bearer token for `/api/v1`, acting as the user it belongs to. Shown once at creation; only its
/// SHA-256 digest is stored, with a short prefix so an admin can tell tokens apart.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "prefix") var prefix: String
    @Parent(key: "user_id") var user: User
    @Parent(key: "created_by") var createdBy: User
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(name: String, tokenDigest: String, prefix: String, userID: UUID, createdBy: UUID, now: Date) {
        self.name = name
        self.tokenDigest = tokenDigest
        self.prefix = prefix
        self.$user.id = userID
        self.$createdBy.id = createdBy
        self.createdAt = now
    }
}
