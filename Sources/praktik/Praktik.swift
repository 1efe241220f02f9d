import ArgumentParser

/// `praktik`: one binary for the server and its routine tasks.
@main
struct Praktik: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "praktik",
        abstract: "Praktik: work-practice placements for job seekers, from the employer's place to the outcome.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UserCommand.self, RetentionCommand.self, JobsCommand.self, MatchCommand.self,
            ImportCommand.self, ExportCommand.self, ReportCommand.self, BenchDataCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
