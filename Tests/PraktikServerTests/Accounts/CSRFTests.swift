import Foundation
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("CSRF protection")
struct CSRFTests {
    @Test("a signed-in form post without, or with a wrong, token is refused")
    func signedInFormsNeedToken() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get("/admin/units")
            let before = try await OrganisationUnit.query(on: app.db).count()
            let missing = try await browser.post("/admin/units", form: ["name": "X", "code": "X1", "kind": "job_centre"], csrf: .none)
            #expect(missing.status == .forbidden)
            #expect(missing.body.string.contains("Formuläret kunde inte tas emot"))
            let wrong = try await browser.post(
                "/admin/units", form: ["name": "X", "code": "X1", "kind": "job_centre"], csrf: .value("forged"))
            #expect(wrong.status == .forbidden)
            #expect(try await OrganisationUnit.query(on: app.db).count() == before)
            let right = try await browser.post("/admin/units", form: ["name": "X", "code": "X1", "kind": "job_centre", "isActive": "on"])
            #expect(right.status == .seeOther)
            #expect(try await OrganisationUnit.query(on: app.db).count() == before + 1)
        }
    }

    @Test("the sign-in form itself is protected (login CSRF)")
    func loginFormNeedsToken() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .admin)
            let browser = Browser(app)
            // No page visited: no CSRF cookie, and a token made up by an attacker does not help.
            let response = try await browser.post(
                "/login", form: ["email": user.email, "password": Fixtures.password], csrf: .value("made-up"))
            #expect(response.status == .forbidden)
            #expect(browser.cookies["praktik_session"] == nil)
        }
    }

    @Test("a session's token from another session is refused")
    func tokenIsBoundToSession() async throws {
        try await withPraktikApp { app in
            let (first, _) = try await Fixtures.signedIn(app, as: .admin)
            let (second, _) = try await Fixtures.signedIn(app, as: .admin)
            try await first.get("/admin/units")
            let foreignToken = try #require(first.lastCSRFToken)
            try await second.get("/admin/units")
            let response = try await second.post(
                "/admin/units", form: ["name": "Y", "code": "Y1", "kind": "district"], csrf: .value(foreignToken))
            #expect(response.status == .forbidden)
        }
    }
}
