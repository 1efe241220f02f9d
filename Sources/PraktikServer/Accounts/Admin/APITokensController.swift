import Fluent
import SQLKit
import Vapor

/// The admin's page for API tokens.
enum APITokensController {
    struct Page: Encodable {
        let rows: [Row]
        let users: [Choice]
        let createdSecret: String?
        let createdName: String?
        let errors: [String: String]
        let hasErrors: Bool
        let name: String
        let action: String
    }

    struct Row: Encodable {
        let name: String
        let prefix: String
        let userEmail: String
        let createdAt: Date
        let lastUsedAt: Date?
        let revokedAt: Date?
        let revokeHref: String
    }

    struct TokenForm: Decodable {
        var name: String?
        var userID: String?
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await render(request, secret: nil, createdName: nil, errors: [:], name: "", status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(TokenForm.self)
        do {
            let (token, secret) = try await APITokenService(database: request.db, clock: request.application.clock)
                .create(name: form.name ?? "", forUserID: form.userID.flatMap(UUID.init(uuidString:)), by: request.auditActor)
            // The secret is shown in this response only; it is not stored and cannot be shown again.
            return try await render(request, secret: secret, createdName: token.name, errors: [:], name: "", status: .created)
        } catch let errors as FormErrors {
            return try await render(
                request, secret: nil, createdName: nil, errors: errors.fields, name: form.name ?? "", status: errors.status)
        }
    }

    @Sendable static func revoke(_ request: Request) async throws -> Response {
        guard let id = request.idParameter else { throw AppError.notFound }
        try await APITokenService(database: request.db, clock: request.application.clock).revoke(id, by: request.auditActor)
        return request.redirect(to: SiteURL.adminAPITokens.path)
    }

    private static func render(
        _ request: Request, secret: String?, createdName: String?, errors: [String: String], name: String, status: HTTPResponseStatus
    ) async throws -> Response {
        let users = try await UserDirectory(sql: try request.sql).activeStaffAccounts()
        let page = Page(
            rows: try await APITokenService(database: request.db, clock: request.application.clock).list().map {
                Row(
                    name: $0.name, prefix: $0.prefix, userEmail: $0.user_email, createdAt: $0.created_at,
                    lastUsedAt: $0.last_used_at, revokedAt: $0.revoked_at, revokeHref: SiteURL.adminAPITokenRevoke($0.id).path)
            },
            users: users.map {
                Choice(value: $0.id.uuidString, label: "\($0.email) (\(request.translate("role.\($0.role)")))", isSelected: false)
            },
            createdSecret: secret, createdName: createdName, errors: errors, hasErrors: !errors.isEmpty, name: name,
            action: SiteURL.adminAPITokens.path)
        return try await request.render("Admin/api-tokens", page, layout: .init(request: request, titleKey: "tokens.title"), status: status)
    }
}
