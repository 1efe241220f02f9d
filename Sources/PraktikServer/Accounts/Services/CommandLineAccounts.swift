import Fluent
import Foundation
import PraktikCore
import Vapor

/// Account tasks for `praktik user`, through the same service as the admin pages.
public enum CommandLineAccounts {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func createUser(
        on app: Application, role roleText: String, email: String, displayName: String, unitCode: String?,
        language languageText: String, password: String
    ) async throws -> String {
        guard let role = Role(rawValue: roleText) else {
            throw Failure(description: "Unknown role \(roleText). Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let language = AppLanguage(rawValue: languageText) else {
            throw Failure(
                description:
                    "Unknown language \(languageText). Use one of: \(AppLanguage.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        var unitID: UUID?
        if let unitCode {
            guard let unit = try await OrganisationUnit.query(on: app.db).filter(\.$code == unitCode.uppercased()).first() else {
                throw Failure(description: "No unit has the code \(unitCode).")
            }
            unitID = unit.id
        }
        let service = AccountService(
            database: app.db, clock: app.clock, hasher: app.password.async,
            passwordPolicy: app.settings.passwordPolicy, sessionLifetime: app.settings.sessionLifetime)
        do {
            let user = try await service.create(
                .init(email: email, displayName: displayName, role: role, unitID: unitID, language: language, password: password),
                by: .system("cli"))
            return "Created \(role.rawValue) \(user.email) (\(user.id?.uuidString ?? ""))."
        } catch let errors as FormErrors {
            let english = app.translations
            let lines = errors.fields.sorted { $0.key < $1.key }.map { "\($0.key): \(english.text(for: $0.value, in: .english))" }
            throw Failure(description: "The account was not created:\n" + lines.joined(separator: "\n"))
        }
    }
}
