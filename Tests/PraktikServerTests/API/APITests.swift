import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("JSON API")
struct APITests {
    func token(_ app: Application, for role: Role) async throws -> (String, UUID) {
        let admin = try await Fixtures.user(app, role: .admin)
        let user = try await Fixtures.user(app, role: role)
        let (token, secret) = try await APITokenService(database: app.db, clock: app.clock)
            .create(name: "integration", forUserID: user.id, by: .init(userID: admin.id, role: "admin", clientAddress: nil))
        return (secret, try token.requireID())
    }

    @Test("a valid token reads its own account as a DTO")
    func me() async throws {
        try await withPraktikApp { app in
            let (secret, _) = try await token(app, for: .caseWorker)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(secret)"])
            #expect(response.status == .ok)
            let me = try response.content.decode(APIController.MeDTO.self)
            #expect(me.role == "case_worker")
            #expect(!response.body.string.contains("password"))
        }
    }

    @Test("a missing, unknown or revoked token is refused with problem+json")
    func refusals() async throws {
        try await withPraktikApp { app in
            let missing = try await app.testing().sendRequest(.GET, "/api/v1/units")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers.first(name: .contentType) == "application/problem+json")
            #expect(missing.body.string.contains("\"status\":401"))

            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/units", headers: ["Authorization": "Bearer pk_nothing"])
            #expect(unknown.status == .unauthorized)

            let (secret, id) = try await token(app, for: .analyst)
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/units", headers: ["Authorization": "Bearer \(secret)"]).status == .ok)
            try await APITokenService(database: app.db, clock: app.clock).revoke(id, by: .system("test"))
            let revoked = try await app.testing().sendRequest(.GET, "/api/v1/units", headers: ["Authorization": "Bearer \(secret)"])
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test("a browser session cookie does not authenticate the API")
    func cookiesIgnored() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test("tokens are stored as digests and shown once")
    func storedAsDigest() async throws {
        try await withPraktikApp { app in
            let (secret, id) = try await token(app, for: .analyst)
            let stored = try #require(try await APIToken.find(id, on: app.db))
            #expect(stored.tokenDigest == SecretToken.digest(of: secret))
            #expect(stored.tokenDigest != secret)
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            #expect(!(try await browser.get("/admin/api-tokens").body.string.contains(secret)))
        }
    }

    @Test("the OpenAPI document is served and names every API route")
    func openAPIDocument() async throws {
        try await withPraktikApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any]
            let paths = try #require(document?["paths"] as? [String: Any])
            for route in app.routes.all where route.path.first?.description == "api" {
                // OpenAPI writes a path parameter as {id}, the router as :id.
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                guard path != "/api/v1/openapi.json" else { continue }
                let documented = paths[path] as? [String: Any]
                #expect(documented?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is not in openapi.json")
            }
        }
    }
}
