import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Walks every registered route: each declares who may call it, and every other role is refused.
@Suite("Route access")
struct RouteAccessTests {
    @Test("every route declares its access rule")
    func everyRouteDeclaresAccess() async throws {
        try await withPraktikApp { app in
            let undeclared = app.routes.all.filter { $0.access == nil }.map { "\($0.method) \($0.path.string)" }
            #expect(undeclared.isEmpty, "routes without an access rule: \(undeclared)")
            #expect(app.routes.all.count >= 20)
        }
    }

    @Test("roles outside a web route's rule get 403, anonymous visitors are sent to sign in")
    func webRoutesRefuseOtherRoles() async throws {
        try await withPraktikApp { app in
            var browsers: [Role: Browser] = [:]
            for role in Role.allCases { browsers[role] = try await Fixtures.signedIn(app, as: role).0 }
            let webRoutes = app.routes.all.filter { route in
                if case .signedIn = route.access { return true }
                return false
            }
            #expect(!webRoutes.isEmpty)
            for route in webRoutes {
                guard let access = route.access else { continue }
                let path = Self.concretePath(route)
                for role in Role.allCases where !access.allowedRoles.contains(role) {
                    guard let browser = browsers[role] else { continue }
                    try await browser.get("/account")  // a fresh CSRF token of this session
                    let response = route.method == .GET ? try await browser.get(path) : try await browser.post(path)
                    #expect(response.status == .forbidden, "\(role) \(route.method) \(path) gave \(response.status)")
                    #expect(!response.body.string.contains("@test.example") || route.method != .GET)
                }
                let anonymous = Browser(app)
                let response = route.method == .GET ? try await anonymous.get(path) : try await anonymous.post(path)
                if route.method == .GET {
                    #expect(response.status == .seeOther, "anonymous GET \(path) gave \(response.status)")
                    #expect(response.headers.first(name: .location)?.hasPrefix("/login") == true)
                } else {
                    // A form post without a session: the CSRF check or the sign-in requirement refuses it.
                    #expect([.forbidden, .seeOther].contains(response.status), "anonymous POST \(path) gave \(response.status)")
                }
            }
        }
    }

    @Test("allowed roles get every parameterless page")
    func allowedRolesGetTheirPages() async throws {
        try await withPraktikApp { app in
            for role in Role.allCases {
                let (browser, _) = try await Fixtures.signedIn(app, as: role)
                for route in app.routes.all where route.method == .GET {
                    guard case .signedIn(let roles) = route.access, roles.contains(role),
                        !route.path.contains(where: { if case .parameter = $0 { return true } else { return false } })
                    else { continue }
                    let response = try await browser.get("/" + route.path.map(\.description).joined(separator: "/"))
                    #expect(
                        response.status == .ok,
                        "\(role) GET \(route.path.string) gave \(response.status): \(response.body.string.prefix(300))")
                }
            }
        }
    }

    @Test("API routes: missing token 401, wrong role 403")
    func apiRoutesRefuse() async throws {
        try await withPraktikApp { app in
            let admin = try await Fixtures.user(app, role: .admin)
            for route in app.routes.all {
                guard case .apiToken(let roles) = route.access else { continue }
                let path = Self.concretePath(route)
                let missing = try await app.testing().sendRequest(route.method, path)
                #expect(missing.status == .unauthorized, "\(path) without token gave \(missing.status)")
                #expect(missing.headers.contentType?.description.contains("problem+json") == true)
                // Participants' portal accounts cannot hold API keys at all (SignInAttackTests).
                for role in Role.allCases where !roles.contains(role) && role.signsInWithPassword {
                    let user = try await Fixtures.user(app, role: role)
                    let (_, secret) = try await APITokenService(database: app.db, clock: app.clock)
                        .create(name: "t", forUserID: user.id, by: .init(userID: admin.id, role: "admin", clientAddress: nil))
                    let refused = try await app.testing().sendRequest(
                        route.method, path, headers: ["Authorization": "Bearer \(secret)"])
                    #expect(refused.status == .forbidden, "\(role) \(path) gave \(refused.status)")
                }
            }
        }
    }

    static func concretePath(_ route: Route) -> String {
        "/"
            + route.path.map { component -> String in
                if case .parameter = component { return UUID().uuidString }
                return component.description
            }.joined(separator: "/")
    }
}
