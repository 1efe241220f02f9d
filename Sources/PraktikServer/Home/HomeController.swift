import Fluent
import PraktikCore
import Vapor

/// Each role's start page after sign-in.
enum HomeController {
    struct StartPage: Encodable {
        let introKey: String
        let roleKey: String
        let displayName: String
        let unitName: String?
        let links: [Link]
        let figures: [Figure]
        let hasFigures: Bool
    }

    struct Link: Encodable {
        let labelKey: String
        let descriptionKey: String
        let href: String
    }

    struct Figure: Encodable {
        let labelKey: String
        let value: Int
    }

    @Sendable static func start(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let unitName = try await UnitService(database: request.db).name(of: user.unitID)
        let figures = user.role == .admin ? try await adminFigures(request) : []
        let page = StartPage(
            introKey: "start.role-intro.\(user.role.rawValue)", roleKey: "role.\(user.role.rawValue)", displayName: user.displayName,
            unitName: unitName, links: links(for: user.role),
            figures: figures, hasFigures: !figures.isEmpty)
        return try await request.render("Home/start", page, layout: .init(request: request, titleKey: "start.title"))
    }

    private static func links(for role: Role) -> [Link] {
        Layout.navigation(for: role).filter { $0.url.path != SiteURL.start.path }.map {
            Link(labelKey: $0.labelKey, descriptionKey: $0.labelKey + ".description", href: $0.url.path)
        }
    }

    private static func adminFigures(_ request: Request) async throws -> [Figure] {
        let counts = try await AdminFigures(sql: try request.sql).counts()
        return [
            Figure(labelKey: "start.figure.users", value: counts.users),
            Figure(labelKey: "start.figure.units", value: counts.units),
            Figure(labelKey: "start.figure.tokens", value: counts.tokens),
            Figure(labelKey: "start.figure.sessions", value: counts.sessions),
        ]
    }
}
