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

    /// The attempt is recorded before the throttle counts, and counts as a failure until its
    /// password has been found right. So of any number of simultaneous attempts, each one counts
    /// every attempt recorded before its own, and at most the limit ever reach Bcrypt: reading the
    /// failures first would let every simultaneous attempt see the same count and pass.
    func signIn(email rawEmail: String, password: String, clientAddress: String) async throws -> User {
        let email = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let now = clock.now()

        // Without SQL the throttle cannot count: refuse before recording anything.
        let sql = try database.sql
        let attempt = LoginAttempt(accountKey: email, clientAddress: clientAddress, succeeded: false, attemptedAt: now)
        try await attempt.create(on: database)
        let attemptID = try attempt.requireID()
        let decision = try await throttleDecision(on: sql, email: email, clientAddress: clientAddress, now: now, besides: attemptID)
        if case .blocked(let seconds) = decision {
            // A refused attempt was never checked, so it does not lengthen the wait.
            try await attempt.delete(on: database)
            throw Failure.throttled(retryAfterSeconds: seconds)
        }

        // A portal account has no password and is checked against the decoy like an unknown
        // address: the answer and its time say nothing about whether it exists.
        let user = try await User.query(on: database).filter(\.$email == email).first()
            .flatMap { Role(rawValue: $0.role)?.signsInWithPassword == true ? $0 : nil }
        // Bcrypt cannot check more than 72 bytes; such a password can never be right.
        let checkable = password.utf8.count <= PasswordPolicy.bcryptByteLimit
        let matches = try await hasher.verify(checkable ? password : "", created: user?.passwordHash ?? decoyHash)
        guard matches, checkable, let user, user.isActive else { throw Failure.invalidCredentials }

        attempt.succeeded = true
        try await attempt.update(on: database)
        return user
    }

    /// Counts the failures (and attempts still being checked) in the window, other than `attemptID`.
    private func throttleDecision(
        on sql: any SQLDatabase, email: String, clientAddress: String, now: Date, besides attemptID: UUID
    ) async throws -> LoginThrottlePolicy.Decision {
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
            .where("id", .notEqual, attemptID)
            .all(decoding: Row.self)
        let addressFailures = try await sql.select().column("attempted_at").from(LoginAttempt.schema)
            .where("client_address", .equal, clientAddress).where("succeeded", .equal, false)
            .where("attempted_at", .greaterThan, windowStart)
            .where("id", .notEqual, attemptID)
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
