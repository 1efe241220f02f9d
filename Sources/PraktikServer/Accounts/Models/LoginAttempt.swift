import Fluent
import Foundation

/// One sign-in attempt, kept for throttling (in the database, so every app instance counts the same).
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    /// The lower-cased e-mail that was tried (whether or not such an account exists).
    @Field(key: "account_key") var accountKey: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "attempted_at") var attemptedAt: Date

    init() {}

    init(accountKey: String, clientAddress: String, succeeded: Bool, attemptedAt: Date) {
        self.accountKey = accountKey
        self.clientAddress = clientAddress
        self.succeeded = succeeded
        self.attemptedAt = attemptedAt
    }
}
