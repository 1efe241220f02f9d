import ArgumentParser
import Foundation
import PraktikServer

/// Reports as CSV on standard output, for spreadsheets and the board.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a report as CSV to standard output.",
        discussion:
            "Reports: \(CommandLineReports.names.joined(separator: ", ")) (praktik report NAME), and funnel (praktik report funnel --intake ID).",
        subcommands: [Placements.self, Funnel.self], defaultSubcommand: Placements.self)

    /// The placement reports, by name: `praktik report outcome-3m --from 2025-01-01`.
    struct Placements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "placements", abstract: "A report by name (\(CommandLineReports.names.joined(separator: ", "))).",
            discussion:
                "Placements are counted by their last day within the period (starts by their first). Counts under 5 are written as <5, with the cells that would reveal them, as analysts see them; --exact writes every count."
        )

        @Argument(help: "The report: \(CommandLineReports.names.joined(separator: ", ")).") var name: String
        @Option(help: "First day of the period, YYYY-MM-DD (default: 1 January last year).") var from: String?
        @Option(help: "Last day of the period, YYYY-MM-DD (default: today).") var to: String?
        @Flag(help: "Write exact counts, small ones included. Only for people who may see them.") var exact = false

        func run() async throws {
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                do {
                    let csv = try await CommandLineReports.csv(name: name, from: from, to: to, exact: exact, on: app)
                    FileHandle.standardOutput.write(Data(csv.utf8))
                } catch let problem as CommandLineReports.Problem {
                    FileHandle.standardError.write(Data((problem.description + "\n").utf8))
                    throw ExitCode(1)
                }
            }
        }
    }

    struct Funnel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funnel",
            abstract: "The intake funnel by gender: invited, applied, green, orange, red, offered, decided.",
            discussion:
                "With --intake, one intake's funnel (intake_id,intake_name,stage,women,men,other,not_stated,total); without it, every intake whose application window closed in the period, as the report page shows it (intake,stage,gender,people,share_percent). Counts under 5 are written as <5, with the cells that would reveal them, as analysts see them; --exact writes every count."
        )

        @Option(help: "The intake's id (shown on its funnel page).") var intake: String?
        @Option(help: "Without --intake: first day of the period, YYYY-MM-DD (default: 1 January last year).") var from: String?
        @Option(help: "Without --intake: last day of the period, YYYY-MM-DD (default: today).") var to: String?
        @Flag(help: "Write exact counts, small ones included. Only for people who may see them.") var exact = false

        func validate() throws {
            if let intake, UUID(uuidString: intake) == nil {
                throw ValidationError("--intake must be an intake id such as 3f2c…-…, not \(intake).")
            }
            if intake != nil, from != nil || to != nil {
                throw ValidationError("--from and --to choose the intakes of a period; leave them out with --intake.")
            }
        }

        func run() async throws {
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                do {
                    let csv: String
                    if let id = intake.flatMap(UUID.init(uuidString:)) {
                        csv = try await CommandLineFunnel.csv(intakeID: id, exact: exact, on: app)
                    } else {
                        csv = try await CommandLineReports.csv(name: "funnel", from: from, to: to, exact: exact, on: app)
                    }
                    FileHandle.standardOutput.write(Data(csv.utf8))
                } catch let unknown as CommandLineFunnel.UnknownIntake {
                    FileHandle.standardError.write(Data((unknown.description + "\n").utf8))
                    throw ExitCode(1)
                } catch let problem as CommandLineReports.Problem {
                    FileHandle.standardError.write(Data((problem.description + "\n").utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}
