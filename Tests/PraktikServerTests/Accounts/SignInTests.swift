import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Sign-in, sessions and throttling")
struct SignInTests {
    @Test("signing in issues a new session id; a planted cookie is worthless")
    func sessionIDChangesAtSignIn() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .caseWorker)
            let browser = Browser(app)
            browser.setCookie("praktik_session", "planted-by-attacker")
            let response = try await browser.signIn(user.email)
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/start")
            let issued = try #require(browser.cookies["praktik_session"])
            #expect(issued != "planted-by-attacker")
            #expect(try await browser.get("/start").status == .ok)

            // The stored session is a digest, never the cookie value.
            let stored = try await UserSession.query(on: app.db).all().map(\.tokenDigest)
            #expect(!stored.contains(issued))
            #expect(stored.contains(SecretToken.digest(of: issued)))
        }
    }

    @Test("signing in again replaces the session: the old id stops working")
    func signInAgainReplacesSession() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .caseWorker)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let first = try #require(browser.cookies["praktik_session"])
            try await browser.get("/account")
            let again = try await browser.post("/login", form: ["email": user.email, "password": Fixtures.password])
            #expect(again.status == .seeOther)
            let second = try #require(browser.cookies["praktik_session"])
            #expect(first != second)
            let replay = Browser(app)
            replay.setCookie("praktik_session", first)
            #expect(try await replay.get("/start").status == .seeOther)
            #expect(try await UserSession.query(on: app.db).filter(\.$endReason == "replaced").count() == 1)
        }
    }

    @Test("a wrong password is refused with a message and no session")
    func wrongPassword() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .admin)
            let browser = Browser(app)
            let response = try await browser.signIn(user.email, password: "not the password")
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("E-postadressen eller lösenordet stämmer inte."))
            #expect(response.body.string.contains("value=\"\(user.email)\""))
            #expect(browser.cookies["praktik_session"] == nil)
        }
    }

    @Test("throttling engages after repeated failures, and a forged X-Forwarded-For does not escape it")
    func throttling() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .caseWorker)
            let browser = Browser(app)
            for attempt in 0..<5 {
                browser.extraHeaders = ["X-Forwarded-For": "203.0.113.\(attempt)"]
                #expect(try await browser.signIn(user.email, password: "wrong \(attempt)").status == .unauthorized)
            }
            browser.extraHeaders = ["X-Forwarded-For": "198.51.100.77"]
            let blocked = try await browser.signIn(user.email)  // even the right password
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: "Retry-After") != nil)
            #expect(blocked.body.string.contains("För många misslyckade inloggningar"))

            // Other accounts from the same address are tried until the address limit.
            let addresses = try await LoginAttempt.query(on: app.db).all().map(\.clientAddress)
            #expect(Set(addresses).count == 1, "the forged header must not change the counted address: \(Set(addresses))")
        }
    }

    @Test("the throttle lifts when the window has passed")
    func throttleWindow() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let user = try await Fixtures.user(app, role: .caseWorker)
            let browser = Browser(app)
            for _ in 0..<5 { try await browser.signIn(user.email, password: "wrong password") }
            #expect(try await browser.signIn(user.email).status == .tooManyRequests)
            clock.advance(by: 15 * 60 + 1)
            #expect(try await browser.signIn(user.email).status == .seeOther)
        }
    }

    @Test("a trusted proxy's X-Forwarded-For is used, an untrusted one is not")
    func trustedProxy() async throws {
        try await withPraktikApp(adjust: { $0.trustedProxies = ["unknown"] }) { app in
            let request = Request(
                application: app, method: .GET, url: "/", headers: ["X-Forwarded-For": "6.6.6.6, 192.0.2.10"], on: app.eventLoopGroup.next()
            )
            #expect(request.clientAddress == "192.0.2.10")
        }
        try await withPraktikApp { app in
            let request = Request(
                application: app, method: .GET, url: "/", headers: ["X-Forwarded-For": "192.0.2.10"], on: app.eventLoopGroup.next())
            #expect(request.clientAddress == "unknown")
        }
    }

    @Test("an idle session expires on the server")
    func idleExpiry() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .analyst)
            clock.advance(by: 29 * 60)
            #expect(try await browser.get("/start").status == .ok)
            clock.advance(by: 29 * 60)
            #expect(try await browser.get("/start").status == .ok, "activity keeps the session alive")
            clock.advance(by: 31 * 60)
            let expired = try await browser.get("/start")
            #expect(expired.status == .seeOther)
            #expect(try await UserSession.query(on: app.db).filter(\.$endReason == "idle").count() == 1)
        }
    }

    @Test("a session ends at the absolute limit however active")
    func absoluteExpiry() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .analyst)
            for _ in 0..<28 {
                clock.advance(by: 25 * 60)
                #expect(try await browser.get("/start").status == .ok)
            }
            // 28 × 25 min is 11 h 40 min: still in. One more step passes 12 h.
            clock.advance(by: 25 * 60)
            #expect(try await browser.get("/start").status == .seeOther)
            #expect(try await UserSession.query(on: app.db).filter(\.$endReason == "absolute").count() == 1)
        }
    }

    @Test("signing out ends the session on the server")
    func logout() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            let cookie = try #require(browser.cookies["praktik_session"])
            _ = try await browser.get("/start")
            let response = try await browser.post("/logout")
            #expect(response.status == .seeOther)
            #expect(browser.cookies["praktik_session"] == nil)
            let replay = Browser(app)
            replay.setCookie("praktik_session", cookie)
            #expect(try await replay.get("/start").status == .seeOther)
        }
    }

    @Test("a disabled user's sessions end at once")
    func disablingEndsSessions() async throws {
        try await withPraktikApp { app in
            let (userBrowser, user) = try await Fixtures.signedIn(app, as: .caseWorker)
            let (adminBrowser, _) = try await Fixtures.signedIn(app, as: .admin)
            _ = try await adminBrowser.get("/admin/users/\(try user.requireID())")
            let response = try await adminBrowser.post(
                "/admin/users/\(try user.requireID())",
                form: ["displayName": user.displayName, "role": "case_worker", "unitID": user.$unit.id?.uuidString ?? "", "language": "sv"])
            #expect(response.status == .seeOther)
            #expect(try await userBrowser.get("/start").status == .seeOther)
            #expect(try await Browser(app).signIn(user.email).status == .unauthorized)
        }
    }

    @Test("after sign-in the visitor returns to a same-site page only")
    func safeNext() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .admin)
            let browser = Browser(app)
            try await browser.get("/login")
            let evil = try await browser.post(
                "/login", form: ["email": user.email, "password": Fixtures.password, "next": "//evil.example/x"])
            #expect(evil.headers.first(name: .location) == "/start")
            try await browser.post("/logout")
            try await browser.get("/login")
            let good = try await browser.post("/login", form: ["email": user.email, "password": Fixtures.password, "next": "/admin/users"])
            #expect(good.headers.first(name: .location) == "/admin/users")
        }
    }
}
