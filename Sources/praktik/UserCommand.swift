import ArgumentParser
import Foundation
import PraktikServer

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts from the command line.",
        subcommands: [CreateUser.self])

    struct CreateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an account, e.g. the first administrator.",
            discussion: "The password is read from standard input (one line), so it never appears in the process list or shell history.")

        @Option(help: "admin, case_worker, employer_contact, analyst or participant.") var role: String
        @Option(help: "Sign-in e-mail address.") var email: String
        @Option(help: "Name shown in Praktik.") var name: String
        @Option(help: "Unit code (required for case workers).") var unit: String?
        @Option(help: "sv, en or da.") var language = "sv"

        func run() async throws {
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            if isatty(STDIN_FILENO) != 0 {
                FileHandle.standardError.write(Data("Password: ".utf8))
            }
            guard let password = readLine(strippingNewline: true) else {
                throw ValidationError("No password on standard input.")
            }
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                let result = try await CommandLineAccounts.createUser(
                    on: app, role: role, email: email, displayName: name, unitCode: unit, language: language, password: password)
                print(result)
            }
        }
    }
}
