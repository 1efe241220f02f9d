import ArgumentParser
import Foundation
import PraktikServer

struct ImportApplicantOutcomes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "applicant-outcomes",
        abstract: "Import the register's 3-month statuses of an intake's eligible applicants who were not placed.",
        discussion: """
            Columns: person_number, status (an outcome status code: work, subsidised_work, studies, still_enrolled, \
            referred_back, other_programme, job_seeking, unknown). Each row must name an applicant of the intake who was \
            eligible and was not placed (a placed person's 3-month outcome is their placement's own). All or nothing: if any \
            row is invalid, every invalid row is listed by line and nothing is stored. Importing the same file again changes \
            nothing; a changed status replaces the old one.
            """)

    @Option(help: "The intake's id.") var intake: String
    @Option(help: "The register's name, stored with every status.") var source = "register"
    @Argument(help: "The CSV file (UTF-8, comma or semicolon separated, with a header row).") var file: String
    @Flag(help: "Only check the file; store nothing.") var dryRun = false

    func run() async throws {
        guard let intakeID = UUID(uuidString: intake) else { throw ValidationError("--intake must be an intake's id.") }
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Cannot read \(file).") }
        guard let content = String(validating: Array(data), as: UTF8.self) else { throw ValidationError("\(file) is not UTF-8.") }
        let settings = try Settings.fromEnvironment()
        PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
        try await PraktikApplication.with(settings: settings) { app in
            try await app.migrateDatabase()
            let summary = try await CommandLineApplicantOutcomes.importFile(
                content, intakeID: intakeID, sourceName: source, dryRun: dryRun, on: app)
            print(summary)
            if !summary.problems.isEmpty || summary.fileProblem != nil { throw ExitCode(2) }
        }
    }
}
