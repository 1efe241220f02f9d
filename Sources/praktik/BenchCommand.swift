import ArgumentParser
import Foundation
import PraktikServer

/// `praktik bench`: the benchmarks of BENCHMARKS.md that run inside the application.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark of BENCHMARKS.md against the database (DATABASE_URL).",
        subcommands: [Reports.self])

    /// Issue 14's reports benchmark: generate, import, time every report against its raw SQL.
    struct Reports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reports",
            abstract: "Import a generated history of N placements, then time every placement report and its own SQL run raw (issue 14).",
            discussion: """
                Needs a database without placements (a new SQLite file, or an empty PostgreSQL database), unless --reuse: \
                then nothing is imported and the placements already stored are timed. Prints Markdown.
                """)

        @Option(help: "Placements in the generated history file.") var placements = 1_000_000
        @Option(help: "Seed of the generator: the same seed (and day) writes the same file.") var seed: UInt64 = 14
        @Option(help: "Timed runs per report, each way; the median is printed.") var runs = 5
        @Option(help: "Also write the generated file here.") var keepFile: String?
        @Flag(help: "Time the placements already in the database; generate and import nothing.") var reuse = false

        func validate() throws {
            guard placements > 0, runs > 0 else { throw ValidationError("--placements and --runs must be at least 1.") }
        }

        func run() async throws {
            let settings = try Settings.fromEnvironment()
            PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
            try await PraktikApplication.with(settings: settings) { app in
                try await app.migrateDatabase()
                print("Load average before: \(Self.loadAverage())\n")
                do {
                    if !reuse {
                        let loaded = try await ReportsBenchmark.load(placements: placements, seed: seed, writeTo: keepFile, on: app)
                        let verdict = loaded.summary.seconds < ReportsBenchmark.importTarget ? "PASS" : "FAIL"
                        print(
                            String(
                                format: "Generated %d placements (%.1f MB) in %.1f s; imported in %.1f s", loaded.placements,
                                Double(loaded.bytes) / 1_048_576, loaded.generateSeconds, loaded.summary.seconds)
                                + " (target under 60 s: \(verdict)).")
                        print("Import: \(loaded.summary.description.split(separator: "\n").last ?? "")")
                        print("Import steps: \(loaded.importSteps)\n")
                    }
                    for span in ReportsBenchmark.Span.allCases {
                        let (from, to) = try ReportsBenchmark.period(span, on: app)
                        let what = span == .history ? "the whole history" : "the reports page's standard period"
                        print("Reports over \(what), \(from) – \(to), as an analyst sees them (exact: false):\n")
                        let timings = try await ReportsBenchmark.time(runs: runs, span: span, on: app)
                        print(ReportsBenchmark.markdown(timings, runs: runs) + "\n")
                    }
                } catch let refusal as ReportsBenchmark.Refusal {
                    FileHandle.standardError.write(Data((refusal.description + "\n").utf8))
                    throw ExitCode(1)
                }
                print("\nLoad average after: \(Self.loadAverage())")
            }
        }

        static func loadAverage() -> String {
            var loads = [0.0, 0.0, 0.0]
            guard getloadavg(&loads, 3) == 3 else { return "unknown" }
            return loads.map { String(format: "%.2f", $0) }.joined(separator: " ")
        }
    }
}
