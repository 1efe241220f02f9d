import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// Checks a sign-in attempt: throttling first, then the password (Bcrypt, off the event loop).
struct LoginService: Sendable {
    let database: any Database
    let clock: AppClock
    let policy: LoginThrottlePolicy
    let hasher: AsyncPasswordHasher

    enum Failure: Error, Equatable {
        case invalidCredentials
        case throttled(retryAfterSeconds: Int)
    }

    /// A Bcrypt hash of a random string, so an unknown e-mail costs the same time as a known one
    /// and response times do not reveal which accounts exist.
    let decoyHash: String

    func signIn(email rawEmail: String, password: String, clientAddress: String) async throws -> User {
        let email = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let now = clock.now()

        if case .blocked(let seconds) = try await throttleDecision(email: email, clientAddress: clientAddress, now: now) {
            throw Failure.throttled(retryAfterSeconds: seconds)
        }

        let user = try await User.query(on: database).filter(\.$email == email).first()
        // Bcrypt cannot check more than 72 bytes; such a password can never be right.
        let checkable = password.utf8.count <= PasswordPolicy.bcryptByteLimit
        let matches = try await hasher.verify(checkable ? password : "", created: user?.passwordHash ?? decoyHash)
        let succeeded = matches && checkable && (user?.isActive ?? false)

        try await LoginAttempt(accountKey: email, clientAddress: clientAddress, succeeded: succeeded, attemptedAt: now)
            .create(on: database)
        guard succeeded, let user else { throw Failure.invalidCredentials }
        return user
    }

    private func throttleDecision(email: String, clientAddress: String, now: Date) async throws -> LoginThrottlePolicy.Decision {
        let sql = try database.sql
        let windowStart = now.addingTimeInterval(-policy.windowSeconds)
        struct Row: Decodable { let attempted_at: Date }

        // A successful sign-in forgives the account's earlier failures, not the address's.
        let lastSuccess = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("attempted_at")), as: "attempted_at")
            .from(LoginAttempt.schema)
            .where("account_key", .equal, email).where("succeeded", .equal, true)
            .first(decoding: OptionalRow.self)?.attempted_at
        let accountSince = max(windowStart, lastSuccess ?? windowStart)

        let accountFailures = try await sql.select().column("attempted_at").from(LoginAttempt.schema)
            .where("account_key", .equal, email).where("succeeded", .equal, false)
            .where("attempted_at", .greaterThan, accountSince)
            .all(decoding: Row.self)
        let addressFailures = try await sql.select().column("attempted_at").from(LoginAttempt.schema)
            .where("client_address", .equal, clientAddress).where("succeeded", .equal, false)
            .where("attempted_at", .greaterThan, windowStart)
            .all(decoding: Row.self)
        return policy.decision(
            accountFailures: accountFailures.map { $0.attempted_at.timeIntervalSince1970 },
            addressFailures: addressFailures.map { $0.attempted_at.timeIntervalSince1970 },
            now: now.timeIntervalSince1970)
    }

    private struct OptionalRow: Decodable { let attempted_at: Date? }
}

extension Application {
    private struct DecoyHashKey: StorageKey { typealias Value = String }

    var decoyPasswordHash: String {
        get { storage[DecoyHashKey.self] ?? "" }
        set { storage[DecoyHashKey.self] = newValue }
    }
}

extension Request {
    var loginService: LoginService {
        LoginService(
            database: db, clock: application.clock, policy: application.settings.loginThrottle,
            hasher: password.async, decoyHash: application.decoyPasswordHash)
    }
}
