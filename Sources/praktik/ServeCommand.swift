import ArgumentParser
import Foundation
import PraktikServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web server (migrates the database first).")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Load the synthetic demo data set into an empty database and print the demo sign-ins.")
    var demo = false
    @Flag(
        help:
            "Do not run background jobs (mail delivery, retention, one-off jobs such as large imports) in this process; run `praktik jobs` instead."
    )
    var noJobs = false

    func run() async throws {
        var settings = try Settings.fromEnvironment()
        // Links in e-mails point at the public address; without one configured, at this server.
        if ProcessInfo.processInfo.environment["PRAKTIK_PUBLIC_URL"] == nil {
            settings.publicURL = "http://\(hostname):\(port)"
        }
        PraktikApplication.bootstrapLogging(format: settings.logFormat)
        if demo, settings.environmentName == "production" {
            throw ValidationError("--demo is refused when PRAKTIK_ENV=production")
        }
        let arguments = ["praktik", "serve", "--hostname", hostname, "--port", String(port)]
        try await PraktikApplication.with(settings: settings, arguments: arguments) { app in
            try await app.migrateDatabase()
            if !noJobs { PraktikApplication.runJobsInProcess(app) }
            if demo {
                let password = ProcessInfo.processInfo.environment["PRAKTIK_DEMO_PASSWORD"] ?? DemoData.defaultPassword
                if let logins = try await DemoData.loadIfEmpty(app, password: password) {
                    print("Demo data loaded. Sign in at http://\(hostname):\(port)/login with password \"\(password)\":")
                    for login in logins { print("  \(login.role.padding(toLength: 17, withPad: " ", startingAt: 0)) \(login.email)") }
                    print(
                        "The demo participant signs in at /portal/sign-in with \(DemoData.participantEmail) and the e-mailed link;"
                            + " mail is written to \(settings.outboxDirectory)/.")
                } else {
                    print("The database already has users; demo data was not loaded again.")
                }
            }
            fflush(nil)  // the demo sign-ins reach a piped log before the server blocks
            app.logger.info("Praktik listening on http://\(hostname):\(port)")
            try await app.execute()
            await app.stopServing()
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations and exit.")

    func run() async throws {
        let settings = try Settings.fromEnvironment()
        PraktikApplication.bootstrapLogging(format: settings.logFormat)
        try await PraktikApplication.with(settings: settings) { app in
            try await app.migrateDatabase()
            print("Migrations applied.")
        }
    }
}

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Run the background jobs (mail delivery, retention, one-off jobs such as large imports) outside the web server.")

    @Flag(help: "Run the jobs that are due once, then exit.") var once = false
    @Option(help: "Seconds between polls.") var poll = 5

    func run() async throws {
        let settings = try Settings.fromEnvironment()
        PraktikApplication.bootstrapLogging(format: settings.logFormat)
        let instance = ProcessInfo.processInfo.hostName + ":" + String(ProcessInfo.processInfo.processIdentifier)
        try await PraktikApplication.with(settings: settings) { app in
            try await app.migrateDatabase()
            repeat {
                let ran = try await PraktikApplication.runDueJobsOnce(app, instance: instance)
                if !ran.isEmpty { app.logger.info("jobs ran", metadata: ["jobs": .string(ran.joined(separator: ","))]) }
                if !once { try await Task.sleep(nanoseconds: UInt64(max(1, poll)) * 1_000_000_000) }
            } while !once
        }
    }
}
