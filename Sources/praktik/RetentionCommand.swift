import ArgumentParser
import Foundation
import PraktikServer

/// The retention job, for cron or a scheduler: lists who is due for erasure, and with `--apply`
/// erases them.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Erase exited participants whose retention period has run out (dry run unless --apply).")

    @Flag(help: "Erase the participants listed; without it nothing is changed.") var apply = false

    func run() async throws {
        let settings = try Settings.fromEnvironment()
        PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
        try await PraktikApplication.with(settings: settings) { app in
            try await app.migrateDatabase()
            let report = try await RetentionJob.run(on: app, apply: apply)
            print(report)
        }
    }
}
