import Fluent
import PraktikCore
import Vapor

/// A signed-in person's own account: language and password.
enum AccountController {
    struct AccountPage: Encodable {
        /// Nil for a participant: the portal account's sign-in key is not an address of theirs.
        let email: String?
        let displayName: String
        let roleKey: String
        let unitName: String?
        let languages: [Layout.LanguageOption]
        var errors: [String: String] = [:]
        /// Participants sign in with an e-mailed link and have no password to change.
        let showsPassword: Bool
        let languageAction = SiteURL.accountLanguage.path
        let passwordAction = SiteURL.accountPassword.path
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await render(request, errors: [:], status: .ok)
    }

    struct PasswordForm: Decodable {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    @Sendable static func changePassword(_ request: Request) async throws -> Response {
        let signedIn = try request.requireUser()
        let form = try request.content.decode(PasswordForm.self)
        let user = try await request.accountService.find(signedIn.id)
        if form.newPassword != form.confirmPassword {
            return try await render(request, errors: ["confirmPassword": "password.mismatch"], status: .badRequest)
        }
        do {
            try await request.accountService.changeOwnPassword(
                of: user, current: form.currentPassword ?? "", new: form.newPassword ?? "", by: request.auditActor)
        } catch let errors as FormErrors {
            return try await render(request, errors: errors.fields, status: errors.status)
        }
        // All sessions ended with the change, this one too; carry on in a fresh one on this device.
        let (token, session) = try await request.sessionStore.start(for: signedIn.id)
        request.currentSession = session
        let response = request.redirectShowingSaved(to: .account)
        response.setSessionCookie(token, for: request)
        return response
    }

    struct LanguageForm: Decodable { var language: String }

    @Sendable static func changeLanguage(_ request: Request) async throws -> Response {
        let signedIn = try request.requireUser()
        let form = try request.content.decode(LanguageForm.self)
        guard let language = AppLanguage(rawValue: form.language) else { throw AppError.badRequest(messageKey: "error.bad-request") }
        try await request.accountService.setLanguage(language, for: signedIn.id)
        return request.redirectShowingSaved(to: .account)
    }

    private static func render(_ request: Request, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let user = try request.requireUser()
        let unitName = try await UnitService(database: request.db).name(of: user.unitID)
        let page = AccountPage(
            email: user.role.signsInWithPassword ? user.email : nil, displayName: user.displayName, roleKey: "role.\(user.role.rawValue)",
            unitName: unitName,
            languages: AppLanguage.allCases.map {
                Layout.LanguageOption(code: $0.tag, nameKey: "language.\($0.tag)", isCurrent: $0 == user.language)
            },
            errors: errors, showsPassword: user.role.signsInWithPassword)
        return try await request.render(
            "Accounts/account", page, layout: .init(request: request, titleKey: "account.title"), status: status)
    }
}
