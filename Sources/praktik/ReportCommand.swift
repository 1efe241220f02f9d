import ArgumentParser
import Foundation
import PraktikServer

/// Reports as CSV on standard output, for spreadsheets and the board.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a report as CSV to standard output.", subcommands: [Funnel.self])

    struct Funnel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funnel",
            abstract: "The intake funnel by gender: invited, applied, green, orange, red, offered, decided.",
            discussion:
                "Counts under 5 are written as <5, with the cells that would reveal them, as analysts see them; --exact writes every count."
        )

        @Option(help: "The intake's id (shown on its funnel page).") var intake: String
        @Flag(help: "Write exact counts, small ones included. Only for people who may see them.") var exact = false

        func validate() throws {
            guard UUID(uuidString: intake) != nil else {
                throw ValidationError("--intake must be an intake id such as 3f2c…-…, not \(intake).")
            }
        }

        func run() async throws {
            guard let id = UUID(uuidString: intake) else { throw ExitCode.validationFailure }
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                do {
                    FileHandle.standardOutput.write(Data(try await CommandLineFunnel.csv(intakeID: id, exact: exact, on: app).utf8))
                } catch let unknown as CommandLineFunnel.UnknownIntake {
                    FileHandle.standardError.write(Data((unknown.description + "\n").utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}
