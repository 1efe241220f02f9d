import Fluent
import Foundation

/// A signed-in session, held in the database so any app instance can serve the next request and
/// so the server alone decides when it ends. Only a SHA-256 digest of the cookie value is stored:
/// a copy of the table does not let anyone sign in.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_digest") var tokenDigest: String
    @Parent(key: "user_id") var user: User
    /// Forms of this session must carry this token (synchronizer-token CSRF defence).
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// Why it ended: logout, idle, absolute, password-changed, disabled, replaced.
    @OptionalField(key: "end_reason") var endReason: String?

    init() {}

    init(tokenDigest: String, userID: UUID, csrfToken: String, now: Date) {
        self.tokenDigest = tokenDigest
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
    }
}
