import Fluent
import Foundation
import PraktikCore
import Vapor

/// Server-side sessions: started at sign-in with a fresh id, checked on every request against the
/// idle and absolute limits, and ended by sign-out, expiry, a password change or disabling the user.
///
/// Written here rather than with Vapor's `SessionsMiddleware` because that keeps the session id
/// across sign-in (session fixation), has no server-side expiry, and cannot end all sessions of one user.
struct SessionStore: Sendable {
    let database: any Database
    let clock: AppClock
    let lifetime: SessionLifetime

    enum EndReason: String, Sendable {
        case signedOut = "signed_out"
        case idle
        case absolute
        case passwordChanged = "password_changed"
        case disabled
        case replaced
        case scopeChanged = "scope_changed"
    }

    /// Starts a new session and returns the cookie value, which is never stored.
    func start(for userID: UUID) async throws -> (token: String, session: UserSession) {
        let token = SecretToken.generate()
        let session = UserSession(
            tokenDigest: SecretToken.digest(of: token), userID: userID,
            csrfToken: SecretToken.generate(), now: clock.now()
        )
        try await session.create(on: database)
        return (token, session)
    }

    /// The live session and its active user for a cookie value, or nil. Expired sessions are ended
    /// on the spot, with the reason recorded.
    func resolve(token: String) async throws -> (UserSession, User)? {
        guard
            let session = try await UserSession.query(on: database)
                .filter(\.$tokenDigest == SecretToken.digest(of: token))
                .filter(\.$endedAt == nil)
                .with(\.$user)
                .first()
        else { return nil }
        let now = clock.now()
        switch lifetime.verdict(
            createdAt: session.createdAt.timeIntervalSince1970,
            lastSeenAt: session.lastSeenAt.timeIntervalSince1970,
            now: now.timeIntervalSince1970)
        {
        case .idleExpired:
            try await end(session, reason: .idle)
            return nil
        case .absoluteExpired:
            try await end(session, reason: .absolute)
            return nil
        case .valid:
            break
        }
        guard session.user.isActive else {
            try await end(session, reason: .disabled)
            return nil
        }
        // Written at most once a minute: enough precision for a 30-minute idle limit, and it keeps
        // most requests free of a write.
        if now.timeIntervalSince(session.lastSeenAt) >= 60 {
            session.lastSeenAt = now
            try await session.save(on: database)
        }
        return (session, session.user)
    }

    func end(_ session: UserSession, reason: EndReason) async throws {
        session.endedAt = clock.now()
        session.endReason = reason.rawValue
        try await session.save(on: database)
    }

    /// Ends every live session of a user, e.g. after a password change or when the user is disabled.
    func endAll(for userID: UUID, reason: EndReason) async throws {
        try await UserSession.query(on: database)
            .filter(\.$user.$id == userID)
            .filter(\.$endedAt == nil)
            .set(\.$endedAt, to: clock.now())
            .set(\.$endReason, to: reason.rawValue)
            .update()
    }
}

extension Request {
    var sessionStore: SessionStore {
        SessionStore(database: db, clock: application.clock, lifetime: application.settings.sessionLifetime)
    }
}
