import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// Server-side sessions: started at sign-in with a fresh id, checked on every request against the
/// idle and absolute limits, and ended by sign-out, expiry, a password change or disabling the user.
///
/// Written here rather than with Vapor's `SessionsMiddleware` because that keeps the session id
/// across sign-in (session fixation), has no server-side expiry, and cannot end all sessions of one user.
///
/// Every signed-in request resolves its cookie here, so `resolve` is one indexed SQL join decoded
/// into plain values, not a Fluent query with eager loading (two queries and two model decodes):
/// see `Benchmarks/http/` for what that costs.
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
    func start(for userID: UUID) async throws -> (token: String, session: ActiveSession) {
        let token = SecretToken.generate()
        let record = UserSession(
            tokenDigest: SecretToken.digest(of: token), userID: userID,
            csrfToken: SecretToken.generate(), now: clock.now()
        )
        try await record.create(on: database)
        let session = ActiveSession(
            id: try record.requireID(), userID: userID, csrfToken: record.csrfToken, createdAt: record.createdAt,
            lastSeenAt: record.lastSeenAt)
        return (token, session)
    }

    /// The live session and its active user for a cookie value, or nil. Expired sessions are ended
    /// on the spot, with the reason recorded.
    func resolve(token: String) async throws -> (ActiveSession, SignedInUser)? {
        let sql = try database.sql
        guard let found = try await sql.plainRows(Self.lookup(digest: SecretToken.digest(of: token))).first else { return nil }
        let row = try SessionRow(found)
        let session = ActiveSession(
            id: row.session_id, userID: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at)
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
        guard row.is_active, let role = Role(rawValue: row.role) else {
            try await end(session, reason: .disabled)
            return nil
        }
        // Written at most once a minute: enough precision for a 30-minute idle limit, and it keeps
        // most requests free of a write.
        if now.timeIntervalSince(session.lastSeenAt) >= 60 {
            try await sql.update(UserSession.schema)
                .set("last_seen_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(session.id))
                .run()
        }
        let user = SignedInUser(
            id: row.user_id, email: row.email, displayName: row.display_name, role: role, unitID: row.unit_id,
            language: AppLanguage(rawValue: row.language) ?? .default, participantID: row.participant_id)
        return (session, user)
    }

    func end(_ session: ActiveSession, reason: EndReason) async throws {
        try await database.sql.update(UserSession.schema)
            .set("ended_at", to: SQLBind(clock.now()))
            .set("end_reason", to: SQLBind(reason.rawValue))
            .where("id", .equal, SQLBind(session.id))
            .where("ended_at", .is, SQLLiteral.null)
            .run()
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

    /// The session and its user by the cookie's digest: one statement written out (building it with
    /// SQLKit's builder cost as much as running it), read column by column rather than through Codable.
    private static func lookup(digest: String) -> SQLQueryString {
        """
        SELECT s.id AS session_id, s.csrf_token, s.created_at, s.last_seen_at, u.id AS user_id, u.email, u.display_name, \
        u.role, u.unit_id, u.language, u.participant_id, u.is_active
        FROM user_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_digest = \(bind: digest) AND s.ended_at IS NULL
        """
    }

    private struct SessionRow {
        let session_id: UUID
        let csrf_token: String
        let created_at: Date
        let last_seen_at: Date
        let user_id: UUID
        let email: String
        let display_name: String
        let role: String
        let unit_id: UUID?
        let language: String
        let participant_id: UUID?
        let is_active: Bool

        init(_ row: PlainRow) throws {
            session_id = try row.uuid("session_id")
            csrf_token = try row.value("csrf_token", as: String.self)
            created_at = try row.value("created_at", as: Date.self)
            last_seen_at = try row.value("last_seen_at", as: Date.self)
            user_id = try row.uuid("user_id")
            email = try row.value("email", as: String.self)
            display_name = try row.value("display_name", as: String.self)
            role = try row.value("role", as: String.self)
            unit_id = try row.optionalUUID("unit_id")
            language = try row.value("language", as: String.self)
            participant_id = try row.optionalUUID("participant_id")
            is_active = try row.value("is_active", as: Bool.self)
        }
    }
}

/// The live session of this request, as the middleware resolved it: what CSRF checks and sign-out need.
struct ActiveSession: Sendable, Equatable {
    let id: UUID
    let userID: UUID
    /// Forms of this session must carry this token (synchronizer-token CSRF defence).
    let csrfToken: String
    let createdAt: Date
    let lastSeenAt: Date
}

extension Request {
    var sessionStore: SessionStore {
        SessionStore(database: db, clock: application.clock, lifetime: application.settings.sessionLifetime)
    }
}
