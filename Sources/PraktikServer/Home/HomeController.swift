import Fluent
import PraktikCore
import Vapor

/// Each role's start page after sign-in: the work waiting for the person (`WorkSource`), and for a
/// role without such work, the pages they can go to.
enum HomeController {
    struct StartPage: Encodable {
        let introKey: String
        let displayName: String
        let unitName: String?
        let work: [WorkBucket]
        let hasWork: Bool
        let links: [Link]
        let hasLinks: Bool
    }

    struct Link: Encodable {
        let labelKey: String
        let descriptionKey: String
        let href: String
    }

    @Sendable static func start(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        // A case worker starts the day with what needs them: the worklist.
        if user.role == .caseWorker { return try await WorklistController.showAsStartPage(request) }
        let unitName = try await UnitService(database: request.db).name(of: user.unitID)
        let work = try await WorkSource.buckets(for: user, on: request)
        let links = work.isEmpty ? links(for: user.role) : []
        let page = StartPage(
            introKey: "start.role-intro.\(user.role.rawValue)", displayName: user.displayName, unitName: unitName,
            work: work, hasWork: !work.isEmpty, links: links, hasLinks: !links.isEmpty)
        return try await request.render("Home/start", page, layout: .init(request: request, titleKey: "start.title"))
    }

    private static func links(for role: Role) -> [Link] {
        Layout.navigation(for: role).filter { $0.url.path != SiteURL.start.path }.map {
            Link(labelKey: $0.labelKey, descriptionKey: $0.labelKey + ".description", href: $0.url.path)
        }
    }
}
