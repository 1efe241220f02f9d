import ArgumentParser
import Foundation
import PraktikServer

struct ImportHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Import placements from an earlier system (the history CSV format), so reports cover the past.",
        discussion: """
            Columns: person_number, gender, birth_year, birth_region, benefit_type, unit, organisation_number, employer_name, \
            regime, purpose, start_date, end_date, hired_by_host, outcome_at_exit, outcome_3_months, benefit_paid. \
            All or nothing: if any row is invalid, every invalid row is listed by line and nothing is stored. \
            A placement already stored (same person, employer and start date) is skipped, so importing a file again stores nothing.
            """)

    @Argument(help: "The CSV file (UTF-8, comma or semicolon separated, with a header row).") var file: String
    @Flag(help: "Only check the file; store nothing.") var dryRun = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Cannot read \(file).") }
        guard let content = String(validating: Array(data), as: UTF8.self) else { throw ValidationError("\(file) is not UTF-8.") }
        let settings = try Settings.fromEnvironment()
        PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
        try await PraktikApplication.with(settings: settings) { app in
            try await app.migrateDatabase()
            let summary = try await CommandLineHistory.importFile(content, dryRun: dryRun, on: app)
            print(summary)
            if !summary.problems.isEmpty || summary.fileProblem != nil { throw ExitCode(2) }
        }
    }
}
