import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Audit log")
struct AuditTests {
    /// Runs `action` and checks that it wrote exactly one audit row with the expected action.
    func expectOneRow(_ app: Application, _ expected: AuditLog.Action, _ action: () async throws -> Void) async throws {
        let before = try await AuditEvent.query(on: app.db).all()
        try await action()
        let after = try await AuditEvent.query(on: app.db).all()
        let added = after.filter { row in !before.contains { $0.id == row.id } }
        #expect(added.count == 1, "\(expected): \(added.map(\.action))")
        #expect(added.first?.action == expected.rawValue)
    }

    @Test("each audited action writes exactly one row")
    func oneRowPerAction() async throws {
        try await withPraktikApp { app in
            let admin = try await Fixtures.user(app, role: .admin)
            let unit = try await Fixtures.unit(app)
            let browser = Browser(app)
            try await browser.get("/login")
            try await expectOneRow(app, .signIn) {
                try await browser.post("/login", form: ["email": admin.email, "password": Fixtures.password])
            }
            try await browser.get("/admin/users/new")
            try await expectOneRow(app, .create) {
                let response = try await browser.post(
                    "/admin/users",
                    form: [
                        "email": "kw@test.example", "displayName": "Kim W", "role": "case_worker", "unitID": unit.id?.uuidString ?? "",
                        "language": "sv", "password": "long enough password",
                    ])
                #expect(response.status == .seeOther)
            }
            let created = try #require(try await User.query(on: app.db).filter(\.$email == "kw@test.example").first())
            let path = "/admin/users/\(try created.requireID())"
            try await expectOneRow(app, .view) {
                let response = try await browser.get(path)
                #expect(response.status == .ok)
            }
            try await expectOneRow(app, .update) {
                try await browser.post(
                    path,
                    form: [
                        "displayName": "Kim Westberg", "role": "case_worker", "unitID": unit.id?.uuidString ?? "", "language": "en",
                        "isActive": "on",
                    ])
            }
            try await browser.get(path)
            try await expectOneRow(app, .passwordChange) {
                try await browser.post(path + "/password", form: ["password": "another long password"])
            }
            try await browser.get("/admin/api-tokens")
            try await expectOneRow(app, .tokenCreate) {
                let response = try await browser.post(
                    "/admin/api-tokens", form: ["name": "Statistik", "userID": created.id?.uuidString ?? ""])
                #expect(response.status == .created)
            }
            let token = try #require(try await APIToken.query(on: app.db).first())
            try await expectOneRow(app, .tokenRevoke) { try await browser.post("/admin/api-tokens/\(try token.requireID())/revoke") }
            try await expectOneRow(app, .signOut) { try await browser.post("/logout") }
        }
    }

    @Test("an unchanged save writes no row")
    func unchangedSaveIsSilent() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            let user = try await Fixtures.user(app, role: .analyst)
            let path = "/admin/users/\(try user.requireID())"
            try await browser.get(path)
            let before = try await Fixtures.auditCount(app)
            try await browser.post(
                path, form: ["displayName": user.displayName, "role": "analyst", "unitID": "", "language": "sv", "isActive": "on"])
            #expect(try await Fixtures.auditCount(app) == before)
        }
    }

    @Test("the database refuses to update or delete audit rows")
    func appendOnly() async throws {
        try await withPraktikApp { app in
            _ = try await Fixtures.signedIn(app, as: .admin)
            let before = try await Fixtures.auditCount(app)
            #expect(before == 2, "the account's creation and its sign-in")
            let sql = try app.db.sql
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_events SET action = 'x'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            #expect(try await Fixtures.auditCount(app) == before)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "x").count() == 0)
        }
    }

    @Test("no route can change the audit log")
    func noWritingRoutes() async throws {
        try await withPraktikApp { app in
            let writers = app.routes.all.filter { $0.path.string.contains("audit") && $0.method != .GET }
            #expect(writers.isEmpty)
        }
    }

    @Test("the search page filters by action and shows the actor")
    func searchPage() async throws {
        try await withPraktikApp { app in
            let (browser, admin) = try await Fixtures.signedIn(app, as: .admin)
            let response = try await browser.get("/admin/audit?action=sign_in")
            #expect(response.status == .ok)
            #expect(response.body.string.contains(admin.email))
            #expect(response.body.string.contains("Loggade in"))
            let none = try await browser.get("/admin/audit?action=erase")
            #expect(none.body.string.contains("0 träffar"))
        }
    }
}
