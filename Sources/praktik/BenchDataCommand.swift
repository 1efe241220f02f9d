import ArgumentParser
import Foundation
import PraktikServer

/// `praktik bench-data`: data sets for the benchmarks in BENCHMARKS.md, written into an empty
/// database (DATABASE_URL) through the application's own rules.
struct BenchDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-data", abstract: "Write a benchmark's data set into an empty database.",
        subcommands: [Selection.self])

    /// One intake of green candidates and usable open places, for `praktik match --intake`.
    struct Selection: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "selection",
            abstract: "An intake of green candidates and usable open places for the matching run's benchmark (issue 12).",
            discussion: """
                Refuses a database that holds any data besides what migrations write. Prints one JSON \
                line with the intake's id and the counts written; then run \
                praktik match --intake ID --mode assign (or --mode shortlist --k 3 --b 3).
                """)

        @Option(help: "Green candidates in the intake.") var candidates = 3_140
        @Option(help: "Open, usable places.") var places = 2_270
        @Option(help: "Seed of the generator: the same seed writes the same data.") var seed: UInt64 = 12

        func validate() throws {
            guard candidates > 0, places > 0 else { throw ValidationError("--candidates and --places must be at least 1.") }
        }

        func run() async throws {
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                do {
                    let summary = try await SelectionBenchData.load(candidates: candidates, places: places, seed: seed, on: app)
                    print(summary.json)
                } catch let refusal as SelectionBenchData.Refusal {
                    FileHandle.standardError.write(Data((refusal.description + "\n").utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}
