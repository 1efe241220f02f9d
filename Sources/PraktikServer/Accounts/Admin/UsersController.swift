import Fluent
import PraktikCore
import Vapor

/// The admin's pages for user accounts.
enum UsersController {
    struct ListPage: Encodable {
        let rows: [Row]
        let list: ListQuery
        let search: String
        let role: String
        let roles: [Choice]
        let newHref: String
    }

    struct Row: Encodable {
        let href: String
        let email: String
        let displayName: String
        let roleKey: String
        let unitName: String?
        let isActive: Bool
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let search = request.query("q"), roleText = request.query("role")
        var list = ListQuery(request, url: .adminUsers, filters: ["q": search, "role": roleText])
        let filter = UserDirectory.Filter(search: search, role: Role(rawValue: roleText))
        let (rows, total) = try await UserDirectory(sql: try request.sql).page(filter, limit: list.limit, offset: list.offset)
        list.total = total
        let page = ListPage(
            rows: rows.map {
                Row(
                    href: SiteURL.adminUser($0.id).path, email: $0.email, displayName: $0.display_name,
                    roleKey: "role.\($0.role)", unitName: $0.unit_name, isActive: $0.is_active)
            },
            list: list, search: search, role: roleText,
            roles: Choice.all(Role.self, prefix: "role", selected: roleText),
            newHref: SiteURL.adminNewUser.path)
        return try await request.render("Admin/users", page, layout: .init(request: request, titleKey: "users.title"))
    }

    struct FormPage: Encodable {
        let isNew: Bool
        let id: String
        let action: String
        let email: String
        let displayName: String
        let isActive: Bool
        let roles: [Choice]
        let units: [Choice]
        let languages: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let passwordAction: String
        let listHref: String
    }

    struct UserForm: Decodable {
        var email: String?
        var displayName: String?
        var role: String?
        var unitID: String?
        var language: String?
        var password: String?
        var isActive: String?
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        try await renderForm(request, user: nil, form: UserForm(), errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(UserForm.self)
        do {
            let user = try await request.accountService.create(
                .init(
                    email: form.email ?? "", displayName: form.displayName ?? "", role: form.role.flatMap(Role.init(rawValue:)),
                    unitID: form.unitID.flatMap(UUID.init(uuidString:)),
                    language: form.language.flatMap(AppLanguage.init(rawValue:)) ?? .default, password: form.password ?? ""),
                by: request.auditActor)
            return request.redirectShowingSaved(to: .adminUser(user.id))
        } catch let errors as FormErrors {
            return try await renderForm(request, user: nil, form: form, errors: errors.fields, status: errors.status)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let user = try await findUser(request)
        try await request.auditLog().record(.view, by: request.auditActor, recordType: .user, recordID: user.id)
        let form = UserForm(
            email: user.email, displayName: user.displayName, role: user.role, unitID: user.$unit.id?.uuidString,
            language: user.language, password: nil, isActive: user.isActive ? "on" : nil)
        return try await renderForm(request, user: user, form: form, errors: [:], status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let user = try await findUser(request)
        let form = try request.content.decode(UserForm.self)
        do {
            try await request.accountService.update(
                user,
                with: .init(
                    displayName: form.displayName ?? "", role: form.role.flatMap(Role.init(rawValue:)),
                    unitID: form.unitID.flatMap(UUID.init(uuidString:)),
                    language: form.language.flatMap(AppLanguage.init(rawValue:)) ?? .default, isActive: form.isActive == "on"),
                by: request.auditActor)
            return request.redirectShowingSaved(to: .adminUser(user.id))
        } catch let errors as FormErrors {
            var shown = form
            shown.email = user.email
            return try await renderForm(request, user: user, form: shown, errors: errors.fields, status: errors.status)
        }
    }

    struct PasswordForm: Decodable { var password: String? }

    @Sendable static func resetPassword(_ request: Request) async throws -> Response {
        let user = try await findUser(request)
        let form = try request.content.decode(PasswordForm.self)
        do {
            try await request.accountService.setPassword(of: user, to: form.password ?? "", by: request.auditActor)
            return request.redirectShowingSaved(to: .adminUser(user.id))
        } catch let errors as FormErrors {
            let shown = UserForm(
                email: user.email, displayName: user.displayName, role: user.role, unitID: user.$unit.id?.uuidString,
                language: user.language, password: nil, isActive: user.isActive ? "on" : nil)
            return try await renderForm(request, user: user, form: shown, errors: errors.fields, status: errors.status)
        }
    }

    private static func findUser(_ request: Request) async throws -> User {
        try await request.accountService.find(request.idParameter)
    }

    private static func renderForm(_ request: Request, user: User?, form: UserForm, errors: [String: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let page = FormPage(
            isNew: user == nil, id: user?.id?.uuidString ?? "",
            action: user == nil ? SiteURL.adminUsers.path : SiteURL.adminUser(user?.id).path,
            email: form.email ?? "", displayName: form.displayName ?? "",
            isActive: user == nil ? true : form.isActive == "on",
            roles: Choice.all(Role.self, prefix: "role", selected: form.role),
            units: try await UnitService(database: request.db).list().map {
                Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id.uuidString == form.unitID)
            },
            languages: Choice.all(AppLanguage.self, prefix: "language", selected: form.language ?? AppLanguage.default.rawValue),
            errors: errors, hasErrors: !errors.isEmpty, passwordAction: SiteURL.adminUserPassword(user?.id).path,
            listHref: SiteURL.adminUsers.path)
        return try await request.render(
            "Admin/user-form", page,
            layout: .init(
                request: request, titleKey: user == nil ? "users.new.title" : "users.edit.title", titleArgument: user?.displayName ?? ""),
            status: status)
    }
}
