import PraktikCore
import Vapor

/// Who may call a route. Every route is registered with one (see `RoutesBuilder.on(_:_:access:use:)`),
/// and a test walks all registered routes to prove that every other role is refused.
enum Access: Sendable, Equatable {
    /// Anyone, signed in or not (sign-in page, health checks, static pages).
    case anyone
    /// A signed-in web session with one of these roles.
    case signedIn(Set<Role>)
    /// A valid, unrevoked API token whose user has one of these roles.
    case apiToken(Set<Role>)

    static let anySignedIn = Access.signedIn(Set(Role.allCases))

    static func roles(_ roles: Role...) -> Access { .signedIn(Set(roles)) }

    var allowedRoles: Set<Role> {
        switch self {
        case .anyone: Set(Role.allCases)
        case .signedIn(let roles), .apiToken(let roles): roles
        }
    }
}

/// Enforces a route's `Access` before its handler runs.
struct AccessMiddleware: AsyncMiddleware {
    let access: Access

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        switch access {
        case .anyone:
            break
        case .signedIn(let roles):
            guard let user = request.currentUser else { throw AppError.unauthenticated }
            guard roles.contains(user.role) else { throw AppError.forbidden }
        case .apiToken(let roles):
            let user = try await APITokenAuthenticator.authenticate(request)
            guard roles.contains(user.role) else { throw AppError.forbidden }
        }
        return try await next.respond(to: request)
    }
}

extension RoutesBuilder {
    /// Registers a route together with who may call it. The access rule is kept on the route
    /// (`userInfo["access"]`) so tests can enumerate every route and its rule.
    @discardableResult
    func on(
        _ method: HTTPMethod,
        _ path: [PathComponent],
        access: Access,
        body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) -> Route {
        let route = grouped(AccessMiddleware(access: access)).on(method, path, body: body, use: handler)
        route.userInfo["access"] = access
        return route
    }
}

extension Route {
    var access: Access? { userInfo["access"] as? Access }
}
