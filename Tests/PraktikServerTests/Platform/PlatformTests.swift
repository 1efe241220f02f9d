import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Platform: health, errors, headers, languages")
struct PlatformTests {
    static let metricsToken = "scraper-token-0123456789abcdef"

    @Test("health, readiness and metrics answer")
    func health() async throws {
        try await withPraktikApp(adjust: { $0.metricsToken = Self.metricsToken }) { app in
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body.string == "ready")
            let metrics = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(Self.metricsToken)"])
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("http_requests_total"))
            #expect(metrics.body.string.contains("route=\"/readyz\""))
        }
    }

    @Test("metrics are served only to the configured token, and not at all without one")
    func metricsNeedToken() async throws {
        try await withPraktikApp { app in
            let unconfigured = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer anything"])
            #expect(unconfigured.status == .notFound)
            #expect(!unconfigured.body.string.contains("http_requests"))
        }
        try await withPraktikApp(adjust: { $0.metricsToken = Self.metricsToken }) { app in
            let missing = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(missing.body.string.isEmpty)
            let wrong = try await app.testing().sendRequest(
                .GET, "/metrics", headers: ["Authorization": "Bearer scraper-token-0123456789abcdeX"])
            #expect(wrong.status == .unauthorized)
            // A signed-in administrator is no scraper either.
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            #expect(try await browser.get("/metrics").status == .unauthorized)
            let right = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(Self.metricsToken)"])
            #expect(right.status == .ok)
        }
    }

    @Test("the metrics token is read from the environment and must be long")
    func metricsTokenSetting() throws {
        #expect(try Settings.fromEnvironment([:]).metricsToken == nil)
        #expect(try Settings.fromEnvironment(["PRAKTIK_METRICS_TOKEN": Self.metricsToken]).metricsToken == Self.metricsToken)
        #expect(throws: Settings.Problems.self) { try Settings.fromEnvironment(["PRAKTIK_METRICS_TOKEN": "short"]) }
    }

    @Test("the login page is Swedish by default and English on request")
    func languages() async throws {
        try await withPraktikApp { app in
            let swedish = try await app.testing().sendRequest(.GET, "/login")
            #expect(swedish.body.string.contains("<html lang=\"sv\">"))
            #expect(swedish.body.string.contains("Logga in"))
            let english = try await app.testing().sendRequest(.GET, "/login", headers: ["Accept-Language": "en-GB,en;q=0.9,sv;q=0.5"])
            #expect(english.body.string.contains("<html lang=\"en\">"))
            #expect(english.body.string.contains("Sign in with your e-mail address and password."))
        }
    }

    @Test("the switch on the page changes the language and returns to the page")
    func languageSwitch() async throws {
        try await withPraktikApp { app in
            let browser = Browser(app)
            try await browser.get("/login")
            let response = try await browser.post("/language", form: ["language": "en", "returnTo": "/login"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/login")
            #expect(try await browser.get("/login").body.string.contains("<html lang=\"en\">"))
            // Not an open redirect.
            let away = try await browser.post("/language", form: ["language": "sv", "returnTo": "https://evil.example"])
            #expect(away.headers.first(name: .location) == "/")
        }
    }

    @Test("a signed-in user's own language wins")
    func userLanguage() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .analyst, language: .english)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let page = try await browser.get("/start")
            #expect(page.body.string.contains("Welcome, \(user.displayName)"))
        }
    }

    @Test("errors are friendly pages on the web and problem+json on the API, with no internals")
    func errors() async throws {
        try await withPraktikApp { app in
            app.get("boom") { _ -> String in
                throw DatabaseProbe(detail: "SELECT secret FROM users; stack frame 42")
            }
            let missing = try await app.testing().sendRequest(.GET, "/no/such/page")
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("Sidan finns inte"))
            let english = try await app.testing().sendRequest(.GET, "/no/such/page", headers: ["Accept-Language": "en"])
            #expect(english.body.string.contains("The page does not exist"))
            let boom = try await app.testing().sendRequest(.GET, "/boom")
            #expect(boom.status == .internalServerError)
            #expect(!boom.body.string.contains("SELECT"))
            #expect(!boom.body.string.contains("stack"))
            #expect(boom.body.string.contains("Ett oväntat fel uppstod"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/nothing")
            #expect(api.status == .notFound)
            #expect(api.headers.first(name: .contentType) == "application/problem+json")
        }
    }

    struct DatabaseProbe: Error { let detail: String }

    @Test("security headers and cookie flags")
    func headersAndCookies() async throws {
        try await withPraktikApp { app in
            let response = try await app.testing().sendRequest(.GET, "/login")
            let csp = try #require(response.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let cookie = try #require(response.headers[.setCookie].first)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "plain http in development")
            #expect(!response.body.string.contains("<script>"))
        }
        try await withPraktikApp(adjust: { $0.publicURL = "https://praktik.example.se" }) { app in
            let response = try await app.testing().sendRequest(.GET, "/login")
            let cookie = try #require(response.headers[.setCookie].first)
            #expect(cookie.hasPrefix("__Host-praktik_csrf="))
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain"))
            #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test("request logs name the route pattern, never the path with its tokens or query")
    func logRedaction() async throws {
        try await withPraktikApp { app in
            let (browser, user) = try await Fixtures.signedIn(app, as: .admin)
            _ = browser
            let request = Request(
                application: app, method: .GET, url: "/admin/users/\(try user.requireID())?q=Leyla+Ahmadi", on: app.eventLoopGroup.next())
            request.route = app.routes.all.first { $0.path.string == "admin/users/:id" && $0.method == .GET }
            #expect(RequestLoggingMiddleware.routePattern(of: request) == "/admin/users/:id")
        }
    }

    @Test("escaped output: a name with markup is shown as text")
    func escaping() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            let unit = OrganisationUnit(name: "<script>alert(1)</script>", code: "XSS", kind: .district)
            try await unit.create(on: app.db)
            let page = try await browser.get("/admin/units")
            #expect(!page.body.string.contains("<script>alert(1)</script>"))
            #expect(page.body.string.contains("&lt;script&gt;"))
        }
    }
}

@Suite("Test database")
struct TestDatabaseTests {
    @Test("the suite runs on the database CI asked for")
    func dialect() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            #expect(sql.dialect.name == TestDatabase.name)
            print("database under test: \(sql.dialect.name)")
        }
    }
}
