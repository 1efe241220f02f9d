import Fluent
import Foundation

/// A link to an application's status page, sent to the applicant. Only the digest of its secret is
/// stored; it expires, and a tampered or unknown link is simply not found.
final class ApplicationLink: Model, @unchecked Sendable {
    static let schema = "application_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: IntakeApplication
    @Parent(key: "participant_id") var participant: Participant
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// A submission of a public form from a client address, counted for throttling.
final class ApplicationAttempt: Model, @unchecked Sendable {
    static let schema = "application_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "attempted_at") var attemptedAt: Date

    init() {}
}
