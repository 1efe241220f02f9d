import Fluent
import Logging
import Vapor

/// Builds and runs a configured application for the command line: the same `configure` the tests
/// use, with logging set up once per process.
public enum PraktikApplication {

    public static func bootstrapLogging(format: Settings.LogFormat, level: Logger.Level = .info) {
        switch format {
        case .json: LoggingSystem.bootstrap { label in JSONLogHandler(label: label, logLevel: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }

    /// Creates the application, configures it and hands it to `body`; shuts it down afterwards.
    public static func with<T>(
        settings: Settings, arguments: [String] = ["praktik"], _ body: (Application) async throws -> T
    ) async throws -> T {
        let environment = Environment(name: settings.environmentName == "production" ? "production" : "development", arguments: arguments)
        let app = try await Application.make(environment)
        if let home = ProcessInfo.processInfo.environment["PRAKTIK_HOME"], !home.isEmpty {
            app.directory = DirectoryConfiguration(workingDirectory: home)
        }
        do {
            try await configure(app, settings: settings)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
