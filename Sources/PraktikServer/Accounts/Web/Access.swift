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
    /// A metrics scraper presenting `PRAKTIK_METRICS_TOKEN` as a bearer token. No person, so no
    /// role; while no token is configured the route does not exist (404).
    case metricsScraper

    static let anySignedIn = Access.signedIn(Set(Role.allCases))

    static func roles(_ roles: Role...) -> Access { .signedIn(Set(roles)) }

    var allowedRoles: Set<Role> {
        switch self {
        case .anyone: Set(Role.allCases)
        case .signedIn(let roles), .apiToken(let roles): roles
        case .metricsScraper: []
        }
    }

    /// Whether the caller is recognised by a cookie, which a browser sends on its own with a
    /// request another site starts; only such routes need a CSRF token.
    var authenticatesByCookie: Bool {
        switch self {
        case .anyone, .signedIn: true
        case .apiToken, .metricsScraper: false
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
        case .metricsScraper:
            guard let expected = request.application.settings.metricsToken else { throw AppError.notFound }
            guard let presented = request.headers.bearerAuthorization?.token,
                SecretToken.constantTimeEquals(expected, presented)
            else {
                // A plain 401 for a program, not the sign-in redirect a person would get.
                return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"metrics\""])
            }
        }
        return try await next.respond(to: request)
    }
}

extension RoutesBuilder {
    /// Registers a route together with who may call it and how much body it reads. The access
    /// rule is kept on the route (`userInfo["access"]`) so tests can enumerate every route and its
    /// rule.
    ///
    /// In front of the handler, in this order: a declared body over the route's limit is refused
    /// unread (413), the caller's access is checked, and a state-changing route that a browser
    /// reaches with cookies checks the CSRF token, reading the body only up to the same limit.
    @discardableResult
    func on(
        _ method: HTTPMethod,
        _ path: [PathComponent],
        access: Access,
        body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) -> Route {
        var middleware: [any Middleware] = [BodyLimitMiddleware(body: body), AccessMiddleware(access: access)]
        let checksCSRF = access.authenticatesByCookie && ![.GET, .HEAD, .OPTIONS].contains(method)
        if checksCSRF { middleware.append(CSRFCheckMiddleware(body: body)) }
        let route = grouped(middleware).on(method, path, body: body, use: handler)
        route.userInfo["access"] = access
        route.userInfo["checksCSRF"] = checksCSRF
        return route
    }
}

extension Route {
    var access: Access? { userInfo["access"] as? Access }
    var checksCSRF: Bool { userInfo["checksCSRF"] as? Bool ?? false }
}
