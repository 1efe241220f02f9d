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
        guard
            let row = try await sql.select()
                .column(SQLColumn("id", table: "s"), as: "session_id")
                .column(SQLColumn("csrf_token", table: "s"))
                .column(SQLColumn("created_at", table: "s"))
                .column(SQLColumn("last_seen_at", table: "s"))
                .column(SQLColumn("id", table: "u"), as: "user_id")
                .column(SQLColumn("email", table: "u"))
                .column(SQLColumn("display_name", table: "u"))
                .column(SQLColumn("role", table: "u"))
                .column(SQLColumn("unit_id", table: "u"))
                .column(SQLColumn("language", table: "u"))
                .column(SQLColumn("participant_id", table: "u"))
                .column(SQLColumn("is_active", table: "u"))
                .from(SQLAlias(SQLIdentifier(UserSession.schema), as: SQLIdentifier("s")))
                .join(
                    SQLAlias(SQLIdentifier(User.schema), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                    on: SQLColumn("user_id", table: "s"), .equal, SQLColumn("id", table: "u")
                )
                .where(SQLColumn("token_digest", table: "s"), .equal, SQLBind(SecretToken.digest(of: token)))
                .where(SQLColumn("ended_at", table: "s"), .is, SQLLiteral.null)
                .first(decoding: SessionRow.self)
        else { return nil }
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

    private struct SessionRow: Decodable {
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
