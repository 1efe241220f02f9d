import Fluent
import Foundation
import PraktikCore
import Vapor

/// Creating and changing user accounts. Every change is audited in the same transaction.
struct AccountService: Sendable {
    let database: any Database
    let clock: AppClock
    let hasher: AsyncPasswordHasher
    let passwordPolicy: PasswordPolicy
    let sessionLifetime: SessionLifetime

    struct NewUser: Sendable {
        var email: String
        var displayName: String
        var role: Role?
        var unitID: UUID?
        var language: AppLanguage
        var password: String
    }

    struct Changes: Sendable {
        var displayName: String
        var role: Role?
        var unitID: UUID?
        var language: AppLanguage
        var isActive: Bool
    }

    /// The account, or "not found".
    func find(_ id: UUID?) async throws -> User {
        guard let id, let user = try await User.find(id, on: database) else { throw AppError.notFound }
        return user
    }

    /// Keeps the language a person chose for their pages (and their messages).
    func setLanguage(_ language: AppLanguage, for userID: UUID) async throws {
        let user = try await find(userID)
        user.language = language.rawValue
        try await user.save(on: database)
        // A participant who picks a language on My pages picks it for what we send them too.
        if let participantID = user.$participant.id {
            try await Participant.query(on: database).filter(\.$id == participantID)
                .set(\.$messageLanguage, to: language.rawValue).update()
        }
    }

    func create(_ new: NewUser, by actor: AuditLog.Actor) async throws -> User {
        var errors = FormErrors()
        let email = errors.text("email", new.email, .email).lowercased()
        if errors.fields["email"] == nil, !EmailAddress.looksValid(email) { errors.add("email", "form.email.invalid") }
        let displayName = errors.text("displayName", new.displayName, .name, required: true)
        if new.role == nil { errors.add("role", "form.required") }
        if let role = new.role { try await checkUnit(role: role, unitID: new.unitID, errors: &errors) }
        if let violation = passwordPolicy.violation(of: new.password, email: email) {
            errors.add("password", violation.messageKey)
        }
        if errors.fields["email"] == nil, try await emailIsTaken(email) { errors.addDuplicate("email", "form.email.taken") }
        try errors.throwIfAny()
        guard let role = new.role else { throw AppError.badRequest(messageKey: "form.required") }

        let hash = try await hasher.hash(new.password)
        let user = User(
            email: email, displayName: displayName, role: role,
            unitID: role == .admin || role == .caseWorker ? new.unitID : nil, language: new.language, passwordHash: hash)
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await user.create(on: db)
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: actor, recordType: .user, recordID: user.id, detail: "role=\(role.rawValue)")
            }
        } whenTaken: {
            if try await emailIsTaken(email) { throw FormErrors.duplicate("email", "form.email.taken") }
        }
        return user
    }

    private func emailIsTaken(_ email: String) async throws -> Bool {
        try await User.query(on: database).filter(\.$email == email).count() > 0
    }

    func update(_ user: User, with changes: Changes, by actor: AuditLog.Actor) async throws {
        var errors = FormErrors()
        let newDisplayName = errors.text("displayName", changes.displayName, .name, required: true)
        if changes.role == nil { errors.add("role", "form.required") }
        if let role = changes.role { try await checkUnit(role: role, unitID: changes.unitID, errors: &errors) }
        if user.id == actor.userID, !changes.isActive || changes.role != .admin {
            // An admin cannot lock themselves out; another admin must do it.
            errors.add("role", "form.cannot-demote-self")
        }
        try errors.throwIfAny()
        guard let role = changes.role, let userID = user.id else { throw AppError.badRequest(messageKey: "form.required") }

        var changed: [String] = []
        let newUnitID = role == .admin || role == .caseWorker ? changes.unitID : nil
        if user.displayName != newDisplayName { changed.append("display_name") }
        if user.role != role.rawValue { changed.append("role") }
        if user.$unit.id != newUnitID { changed.append("unit") }
        if user.language != changes.language.rawValue { changed.append("language") }
        if user.isActive != changes.isActive { changed.append("is_active") }
        guard !changed.isEmpty else { return }
        let changedFields = changed

        user.displayName = newDisplayName
        user.role = role.rawValue
        user.$unit.id = newUnitID
        user.language = changes.language.rawValue
        let wasDisabled = user.isActive && !changes.isActive
        user.isActive = changes.isActive
        try await database.writingTransaction { db in
            try await user.save(on: db)
            if wasDisabled || changedFields.contains("role") || changedFields.contains("unit") {
                // A narrower scope must take effect now, not when the old session expires.
                try await SessionStore(database: db, clock: clock, lifetime: sessionLifetime)
                    .endAll(for: userID, reason: wasDisabled ? .disabled : .scopeChanged)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .user, recordID: userID, detail: "changed=" + changedFields.joined(separator: ","))
        }
    }

    /// Sets a new password and ends every session of the user, wherever they are signed in.
    /// A participant's portal account never gets one: it signs in by e-mailed link only.
    func setPassword(of user: User, to password: String, by actor: AuditLog.Actor) async throws {
        guard Role(rawValue: user.role)?.signsInWithPassword == true else { throw AppError.forbidden }
        if let violation = passwordPolicy.violation(of: password, email: user.email) {
            throw FormErrors(fields: ["password": violation.messageKey])
        }
        guard let userID = user.id else { throw AppError.notFound }
        user.passwordHash = try await hasher.hash(password)
        try await database.writingTransaction { db in
            try await user.save(on: db)
            try await SessionStore(database: db, clock: clock, lifetime: sessionLifetime).endAll(for: userID, reason: .passwordChanged)
            try await AuditLog(database: db, clock: clock).record(.passwordChange, by: actor, recordType: .user, recordID: userID)
        }
    }

    /// A user's own change: the current password must be right.
    func changeOwnPassword(of user: User, current: String, new: String, by actor: AuditLog.Actor) async throws {
        guard Role(rawValue: user.role)?.signsInWithPassword == true else { throw AppError.forbidden }
        let checkable = current.utf8.count <= PasswordPolicy.bcryptByteLimit
        let currentIsRight = checkable ? try await hasher.verify(current, created: user.passwordHash) : false
        if !currentIsRight { throw FormErrors(fields: ["currentPassword": "password.current-wrong"]) }
        try await setPassword(of: user, to: new, by: actor)
    }

    private func checkUnit(role: Role, unitID: UUID?, errors: inout FormErrors) async throws {
        if role.requiresUnit, unitID == nil {
            errors.add("unitID", "form.unit.required")
            return
        }
        if let unitID, try await OrganisationUnit.find(unitID, on: database) == nil {
            errors.add("unitID", "form.unit.unknown")
        }
    }
}

/// A light check of an e-mail address's shape; delivery is the real test.
enum EmailAddress {
    static func looksValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        return !local.isEmpty && domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
            && text.count <= 254 && !text.contains(where: { $0.isWhitespace })
    }
}

extension Request {
    var accountService: AccountService {
        AccountService(
            database: db, clock: application.clock, hasher: password.async,
            passwordPolicy: application.settings.passwordPolicy, sessionLifetime: application.settings.sessionLifetime)
    }
}
