import Fluent
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

    @Test("a signed-in page carries its session's token and sets no pre-sign-in cookie")
    func signedInPagesUseSessionToken() async throws {
        try await withPraktikApp { app in
            let (browser, user) = try await Fixtures.signedIn(app, as: .admin)
            browser.forgetCookie("praktik_csrf")
            let page = try await browser.get("/admin/units")
            #expect(page.status == .ok)
            #expect(!page.headers[.setCookie].contains { $0.hasPrefix("praktik_csrf=") }, "no cookie for a signed-in page")
            let userID = try user.requireID()
            let session = try #require(try await UserSession.query(on: app.db).filter(\.$user.$id == userID).first())
            #expect(browser.lastCSRFToken == session.csrfToken)
            let saved = try await browser.post("/admin/units", form: ["name": "S", "code": "S1", "kind": "district", "isActive": "on"])
            #expect(saved.status == .seeOther)
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

    @Test("every state-changing route a browser reaches with cookies checks the token; API routes do not")
    func everyFormRouteChecks() async throws {
        try await withPraktikApp { app in
            for route in app.routes.all {
                guard let access = route.access else { continue }
                let changesState = ![.GET, .HEAD, .OPTIONS].contains(route.method)
                #expect(route.checksCSRF == (changesState && access.authenticatesByCookie), "\(route.method) \(route.path.string)")
            }
        }
    }

    @Test("a request that cannot carry a token is refused; the header and the form field both work")
    func whereTheTokenComesFrom() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get("/admin/units")
            let token = try #require(browser.lastCSRFToken)
            let before = try await OrganisationUnit.query(on: app.db).count()

            // JSON is not a form: no field to read, so the body is not read at all.
            var json = HTTPHeaders()
            json.contentType = .json
            let asJSON = try await browser.send(.POST, "/admin/units", headers: json, body: ByteBuffer(string: #"{"_csrf":"\#(token)"}"#))
            #expect(asJSON.status == .forbidden)
            // `*/*` is no form either, though Vapor's media types call it equal to every type.
            var anything = HTTPHeaders()
            anything.replaceOrAdd(name: .contentType, value: "*/*")
            let asAnything = try await browser.send(.POST, "/admin/units", headers: anything, body: ByteBuffer(string: "_csrf=\(token)"))
            #expect(asAnything.status == .forbidden)

            // The field given twice is refused, whichever copy is right.
            var form = HTTPHeaders()
            form.contentType = .urlEncodedForm
            let twice = try await browser.send(
                .POST, "/admin/units", headers: form, body: ByteBuffer(string: "_csrf=forged&name=Y&code=Y1&kind=district&_csrf=\(token)"))
            #expect(twice.status == .forbidden)

            // The header, and the field percent-encoded, are both accepted.
            var withHeader = form
            withHeader.replaceOrAdd(name: "X-CSRF-Token", value: token)
            let byHeader = try await browser.send(
                .POST, "/admin/units", headers: withHeader, body: ByteBuffer(string: "name=H&code=H1&kind=district"))
            #expect(byHeader.status == .seeOther)
            let encoded = try await browser.send(
                .POST, "/admin/units", headers: form, body: ByteBuffer(string: "%5Fcsrf=\(token)&name=E&code=E1&kind=district"))
            #expect(encoded.status == .seeOther)
            #expect(try await OrganisationUnit.query(on: app.db).count() == before + 2)
        }
    }

    @Test("a form token is found in a body of many short pairs without decoding it")
    func tokenScan() {
        var body = ByteBuffer(string: String(repeating: "a=1&", count: 200_000))
        body.writeString("_csrf=abc%2Ddef&b=2")
        #expect(CSRFCheckMiddleware.scan(body, for: "_csrf", maximumFields: .max).value == "abc-def")
        #expect(CSRFCheckMiddleware.scan(body, for: "_csrf", maximumFields: .max).fieldCount == 200_002)
        // Counting stops past the limit: such a form is refused anyway.
        #expect(CSRFCheckMiddleware.scan(body, for: "_csrf").fieldCount == RequestLimits.maximumFormFields + 1)
        #expect(CSRFCheckMiddleware.scan(ByteBuffer(string: "a=1&&b=2&"), for: "_csrf").fieldCount == 2)
        #expect(CSRFCheckMiddleware.scan(ByteBuffer(string: "a=1"), for: "_csrf").value == nil)
        #expect(CSRFCheckMiddleware.scan(ByteBuffer(string: "_csrf"), for: "_csrf").value == "")
        #expect(CSRFCheckMiddleware.scan(ByteBuffer(string: "_csrf=a&_csrf=a"), for: "_csrf").value == nil)
    }

    /// Vapor's form decoder takes quadratic time in the number of repeated fields (minutes for
    /// 1 MB of `a=1&a=1…`): a form with more fields than ours ever have is refused undecoded.
    @Test("a form with thousands of fields is refused before it is decoded")
    func tooManyFields() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get("/admin/units")
            let token = try #require(browser.lastCSRFToken)
            var form = HTTPHeaders()
            form.contentType = .urlEncodedForm
            let started = ContinuousClock.now
            let flood = "_csrf=\(token)&name=F&code=F1&kind=district&" + String(repeating: "a=1&", count: 200_000)
            let response = try await browser.send(.POST, "/admin/units", headers: form, body: ByteBuffer(string: flood))
            #expect(response.status == .payloadTooLarge)
            // Seconds on a loaded machine at worst; decoding takes minutes.
            #expect(ContinuousClock.now - started < .seconds(30), "refused without decoding (decoding took minutes)")
            let fine = "_csrf=\(token)&name=F&code=F1&kind=district&" + String(repeating: "a=1&", count: 900)
            #expect(try await browser.send(.POST, "/admin/units", headers: form, body: ByteBuffer(string: fine)).status == .seeOther)
        }
    }
}
