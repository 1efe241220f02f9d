import ArgumentParser
import Foundation
import PraktikServer

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import records from CSV files.",
        subcommands: [ImportEmployers.self, ImportHistory.self, ImportApplicantOutcomes.self])

    struct ImportEmployers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "employers",
            abstract: "Import employers, workplaces and places from a register CSV file (the format `export employers` writes).",
            discussion: "Invalid rows are listed with their line numbers. Importing the same file again creates no duplicates.")

        @Argument(help: "The CSV file (UTF-8, comma or semicolon separated).") var file: String
        @Flag(help: "Import nothing if any row is invalid.") var allOrNothing = false
        @Flag(help: "Only check the file; store nothing.") var dryRun = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Cannot read \(file).") }
            guard let content = String(data: data, encoding: .utf8) else { throw ValidationError("\(file) is not UTF-8.") }
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                let summary = try await CommandLineRegister.importFile(content, allOrNothing: allOrNothing, dryRun: dryRun, on: app)
                print(summary)
                if !summary.problems.isEmpty && (allOrNothing || dryRun) { throw ExitCode(2) }
            }
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records as CSV.", subcommands: [ExportEmployers.self])

    struct ExportEmployers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "employers", abstract: "Write the employer register (employers, workplaces, places) as CSV to standard output.")

        func run() async throws {
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                FileHandle.standardOutput.write(Data(try await CommandLineRegister.exportCSV(on: app).utf8))
            }
        }
    }
}
