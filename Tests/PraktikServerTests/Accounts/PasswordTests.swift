import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Passwords")
struct PasswordTests {
    /// 36 × "å" is 72 bytes; one more ASCII letter makes 73 bytes in 37 characters.
    static let seventyThreeBytes = String(repeating: "å", count: 36) + "a"
    static let seventyTwoBytes = String(repeating: "å", count: 36)

    @Test("a 73-byte password is refused with a clear message, a 72-byte one accepted")
    func byteLimit() async throws {
        #expect(Self.seventyThreeBytes.utf8.count == 73)
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get("/admin/users/new")
            let unit = try await Fixtures.unit(app, code: "JT-PW")
            let unitID = try #require(unit.id?.uuidString)
            let refused = try await browser.post(
                "/admin/users",
                form: [
                    "email": "new@test.example", "displayName": "Ny Person", "role": "case_worker", "unitID": unitID,
                    "language": "sv", "password": Self.seventyThreeBytes,
                ])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("Lösenordet är för långt: högst 72 byte"))
            #expect(refused.body.string.contains("value=\"new@test.example\""), "input is kept")
            #expect(try await User.query(on: app.db).filter(\.$email == "new@test.example").count() == 0)

            let accepted = try await browser.post(
                "/admin/users",
                form: [
                    "email": "new@test.example", "displayName": "Ny Person", "role": "case_worker", "unitID": unitID,
                    "language": "sv", "password": Self.seventyTwoBytes,
                ])
            #expect(accepted.status == .seeOther)
            #expect(try await Browser(app).signIn("new@test.example", password: Self.seventyTwoBytes).status == .seeOther)
        }
    }

    @Test("changing one's password ends every other session and keeps this one")
    func changeEndsOtherSessions() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .caseWorker)
            let laptop = Browser(app)
            let phone = Browser(app)
            try await laptop.signIn(user.email)
            try await phone.signIn(user.email)
            try await laptop.get("/account")
            let newPassword = "ett nytt lösenord"
            let response = try await laptop.post(
                "/account/password",
                form: [
                    "currentPassword": Fixtures.password, "newPassword": newPassword, "confirmPassword": newPassword,
                ])
            #expect(response.status == .seeOther)
            #expect(try await laptop.get("/start").status == .ok)
            #expect(try await phone.get("/start").status == .seeOther)
            #expect(try await Browser(app).signIn(user.email, password: newPassword).status == .seeOther)
            #expect(try await Browser(app).signIn(user.email).status == .unauthorized)
        }
    }

    @Test("a wrong current password, a mismatch and a too-long new password are each explained")
    func changeErrors() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .analyst)
            try await browser.get("/account")
            let wrong = try await browser.post(
                "/account/password", form: ["currentPassword": "nope", "newPassword": "abcdefghijk", "confirmPassword": "abcdefghijk"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.string.contains("Det nuvarande lösenordet stämmer inte."))
            let mismatch = try await browser.post(
                "/account/password",
                form: ["currentPassword": Fixtures.password, "newPassword": "abcdefghijk", "confirmPassword": "abcdefghijx"])
            #expect(mismatch.body.string.contains("Lösenorden är inte likadana."))
            let long = try await browser.post(
                "/account/password",
                form: [
                    "currentPassword": Fixtures.password, "newPassword": Self.seventyThreeBytes, "confirmPassword": Self.seventyThreeBytes,
                ])
            #expect(long.status == .badRequest)
            #expect(long.body.string.contains("högst 72 byte"))
        }
    }

    @Test("Bcrypt hashes are stored, never the password")
    func hashedAtRest() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .admin)
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(!user.passwordHash.contains(Fixtures.password))
        }
    }
}
