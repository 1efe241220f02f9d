import Fluent
import PraktikCore
import Foundation
import SQLKit

/// API tokens: created by an admin for a user, shown once, revocable.
struct APITokenService: Sendable {
    let database: any Database
    let clock: AppClock

    struct Row: Codable, Sendable {
        let id: UUID
        let name: String
        let prefix: String
        let user_email: String
        let user_role: String
        let created_at: Date
        let last_used_at: Date?
        let revoked_at: Date?
    }

    func list() async throws -> [Row] {
        let sql = try database.sql
        return try await sql.raw(
            """
            SELECT t.id, t.name, t.prefix, u.email AS user_email, u.role AS user_role,
                   t.created_at, t.last_used_at, t.revoked_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC
            """
        ).all(decoding: Row.self)
    }

    /// The active user a bearer token speaks for, or nil when the token is unknown or revoked or its
    /// user disabled. Marks the token used, at most once a minute, so most requests write nothing.
    func user(forBearer bearer: String) async throws -> User? {
        guard
            let token = try await APIToken.query(on: database)
                .filter(\.$tokenDigest == SecretToken.digest(of: bearer))
                .filter(\.$revokedAt == nil)
                .with(\.$user)
                .first(),
            token.user.isActive
        else { return nil }
        let now = clock.now()
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: database)
        }
        return token.user
    }

    /// Returns the token's secret: the only time anyone sees it.
    func create(name rawName: String, forUserID userID: UUID?, by actor: AuditLog.Actor) async throws -> (APIToken, secret: String) {
        var errors = FormErrors()
        let name = errors.text("name", rawName, .name, required: true)
        var user: User?
        if let userID { user = try await User.find(userID, on: database) }
        // A participant's portal account is no staff account and acts through no API.
        let isStaffAccount = user.flatMap { Role(rawValue: $0.role) }?.signsInWithPassword == true
        if user == nil || user?.isActive == false || !isStaffAccount {
            errors.add("userID", "form.user.unknown")
        }
        try errors.throwIfAny()
        guard let user, let ownerID = user.id, let creatorID = actor.userID else { throw AppError.forbidden }

        let secret = "pk_" + SecretToken.generate()
        let token = APIToken(
            name: name, tokenDigest: SecretToken.digest(of: secret), prefix: String(secret.prefix(9)),
            userID: ownerID, createdBy: creatorID, now: clock.now())
        try await database.writingTransaction { db in
            try await token.create(on: db)
            try await AuditLog(database: db, clock: clock).record(.tokenCreate, by: actor, recordType: .apiToken, recordID: token.id)
        }
        return (token, secret)
    }

    func revoke(_ id: UUID, by actor: AuditLog.Actor) async throws {
        guard let token = try await APIToken.find(id, on: database) else { throw AppError.notFound }
        guard token.revokedAt == nil else { return }
        token.revokedAt = clock.now()
        try await database.writingTransaction { db in
            try await token.save(on: db)
            try await AuditLog(database: db, clock: clock).record(.tokenRevoke, by: actor, recordType: .apiToken, recordID: id)
        }
    }
}
