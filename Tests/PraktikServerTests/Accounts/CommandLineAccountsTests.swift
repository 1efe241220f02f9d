import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// `praktik user create`: the first administrator's way in, so its refusals must say what to type.
@Suite("Accounts from the command line")
struct CommandLineAccountsTests {
    @Test("every interface language is accepted, and an unknown one is refused with the list")
    func languages() async throws {
        try await withPraktikApp { app in
            for language in AppLanguage.allCases {
                let message = try await CommandLineAccounts.createUser(
                    on: app, role: "admin", email: "admin-\(language.rawValue)@example.org", displayName: "Admin",
                    unitCode: nil, language: language.rawValue, password: "a long enough passphrase 2026")
                #expect(message.hasPrefix("Created admin admin-\(language.rawValue)@example.org"))
                let user = try #require(
                    try await User.query(on: app.db).filter(\.$email == "admin-\(language.rawValue)@example.org").first())
                #expect(user.language == language.rawValue)
            }
            await #expect {
                _ = try await CommandLineAccounts.createUser(
                    on: app, role: "admin", email: "admin-fi@example.org", displayName: "Admin", unitCode: nil, language: "fi",
                    password: "a long enough passphrase 2026")
            } throws: { error in
                "\(error)" == "Unknown language fi. Use one of: sv, en, da."
            }
            #expect(try await User.query(on: app.db).filter(\.$email == "admin-fi@example.org").count() == 0)
        }
    }
}
