import Fluent
import Foundation
import PraktikCore
import Vapor

@testable import PraktikServer

/// Records the tests need, created through the same services the application uses.
enum Fixtures {
    static let password = "correct horse battery"

    static func unit(_ app: Application, code: String = "JT-A", name: String = "Jobbtorg A") async throws -> OrganisationUnit {
        let unit = OrganisationUnit(name: name, code: code, kind: .jobCentre)
        try await unit.create(on: app.db)
        return unit
    }

    @discardableResult
    static func user(
        _ app: Application, role: Role, email: String? = nil, unit: OrganisationUnit? = nil, language: AppLanguage = .swedish
    ) async throws -> User {
        var unitID = unit?.id
        if role.requiresUnit, unitID == nil {
            if let existing = try await OrganisationUnit.query(on: app.db).first() {
                unitID = existing.id
            } else {
                unitID = try await Self.unit(app, code: "JT-\(UUID().uuidString.prefix(6))").id
            }
        }
        let service = AccountService(
            database: app.db, clock: app.clock, hasher: app.password.async,
            passwordPolicy: app.settings.passwordPolicy, sessionLifetime: app.settings.sessionLifetime)
        let user = try await service.create(
            .init(
                email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8))@test.example", displayName: "Test \(role.rawValue)",
                role: role, unitID: unitID, language: language, password: password),
            by: .system("test"))
        // A participant account always belongs to a participant record.
        if role == .participant { try await link(user, to: try await participant(app), on: app) }
        return user
    }

    /// A browser signed in as a new user of `role`: staff with their password, a participant with
    /// a one-time portal link (participants have no password).
    static func signedIn(_ app: Application, as role: Role) async throws -> (Browser, User) {
        if role == .participant { return try await signedInParticipant(app) }
        let user = try await self.user(app, role: role)
        let browser = Browser(app)
        let response = try await browser.signIn(user.email)
        guard response.status == .seeOther else {
            throw FixtureError(message: "sign-in as \(role) failed: \(response.status)")
        }
        return (browser, user)
    }

    /// A participant (a new one unless given) signed in to the portal through a link, as the e-mail would bring it.
    static func signedInParticipant(_ app: Application, participant given: Participant? = nil) async throws -> (Browser, User) {
        let participant: Participant
        if let given { participant = given } else { participant = try await self.participant(app) }
        let token = SecretToken.generate()
        let link = PortalSignInLink()
        link.$participant.id = try participant.requireID()
        link.tokenDigest = SecretToken.digest(of: token)
        link.createdAt = app.clock.now()
        link.expiresAt = app.clock.now().addingTimeInterval(PortalSignIn.lifetime)
        try await link.create(on: app.db)
        let browser = Browser(app)
        try await browser.get("/portal/link/\(token)")
        let response = try await browser.post("/portal/link/\(token)")
        guard response.status == .seeOther,
            let user = try await User.query(on: app.db).filter(\.$participant.$id == participant.requireID()).first()
        else {
            throw FixtureError(message: "portal sign-in failed: \(response.status)")
        }
        return (browser, user)
    }

    static func auditCount(_ app: Application) async throws -> Int {
        try await AuditEvent.query(on: app.db).count()
    }

    struct FixtureError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
