import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Page frame and sign-in details")
struct LayoutTests {
    @Test("one menu item is current: the longest path that contains the page")
    func oneCurrentItem() {
        let paths = ["/start", "/employers", "/employers/signals", "/employers/compilation", "/places"]
        #expect(Layout.currentItem(among: paths, path: "/employers/signals") == "/employers/signals")
        #expect(Layout.currentItem(among: paths, path: "/employers/ABC/edit") == "/employers")
        #expect(Layout.currentItem(among: paths, path: "/start") == "/start")
        #expect(Layout.currentItem(among: paths, path: "/account") == nil)
    }

    @Test("the menu folds into a <details> for phones, and the icon is served")
    func menuAndIcon() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            let html = try await browser.get("/employers/signals").body.string
            #expect(html.contains(#"<details class="site-menu">"#))
            // Two navigations (phone and wide) each mark exactly the one current item.
            #expect(html.components(separatedBy: #"aria-current="page""#).count - 1 == 2)
            #expect(try await browser.get("/favicon.ico").status == .ok)
            #expect(try await browser.get("/favicon.svg").status == .ok)
        }
    }

    @Test("a language chosen on the sign-in page wins over the account's and is saved")
    func languageChosenBeforeSignIn() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .caseWorker, language: .swedish)
            let browser = Browser(app)
            try await browser.get("/login")
            try await browser.post("/language", form: ["language": "en", "returnTo": "/login"])
            try await browser.get("/login")
            try await browser.post("/login", form: ["email": user.email, "password": Fixtures.password])
            let start = try await browser.get("/start")
            #expect(start.body.string.contains("<html lang=\"en\">"))
            #expect(try await User.find(user.id, on: app.db)?.language == "en")
        }
    }

    @Test("a participant has no password to change and signs out to the portal's sign-in")
    func participantAccount() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .participant)
            let account = try await browser.get("/account").body.string
            #expect(!account.contains("name=\"newPassword\""))
            let change = try await browser.post(
                "/account/password", form: ["currentPassword": Fixtures.password, "newPassword": "x", "confirmPassword": "x"])
            #expect(change.status == .forbidden)
            let out = try await browser.post("/logout")
            #expect(out.headers.first(name: .location) == "/portal/sign-in")
        }
    }
}
