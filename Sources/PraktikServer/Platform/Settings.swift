import Foundation
import NIOCore
import PraktikCore

/// Everything the application reads from its environment, parsed and checked once at start-up.
///
/// Secrets come only from the environment. Bad values stop the start with one message naming every
/// problem, so an operator fixes them all in one go.
public struct Settings: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        case sqlite(path: String)
        /// `schema`: the PostgreSQL schema to use instead of `public` (tests use one per test).
        case postgres(url: String, schema: String?)
    }

    public var database: DatabaseChoice
    /// The address people use to reach Praktik; decides `Secure` cookies and the `__Host-` prefix.
    public var publicURL: String
    public var bcryptCost: Int
    public var sessionLifetime: SessionLifetime
    public var loginThrottle: LoginThrottlePolicy
    public var passwordPolicy: PasswordPolicy
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed. Empty: trust the socket only.
    public var trustedProxies: Set<String>
    public var logFormat: LogFormat
    public var outboxDirectory: String
    public var environmentName: String
    public var retention: RetentionPolicy
    /// Whether the retention job erases due participants by itself. Off by default: until an
    /// operator turns it on, the admin's dry-run page and `praktik retention --apply` decide.
    public var automaticRetention: Bool
    /// When the employer register flags possible misuse of interns (`PRAKTIK_MISUSE_*`).
    public var misuseThresholds: MisuseSignals.Thresholds = .standard
    /// Applications and status-link requests one client address may submit per hour on the public
    /// portal (`PRAKTIK_APPLY_MAX_PER_HOUR`). Job centres and libraries share an address, so it is not tiny.
    public var applicationsPerAddressPerHour: Int = 30
    /// The bearer token a Prometheus scraper presents at `/metrics`. Unset: `/metrics` answers 404,
    /// since its figures (routes, volumes, errors) are nobody else's business.
    public var metricsToken: String?
    /// How small a count about people must be to be hidden from readers of aggregates
    /// (`PRAKTIK_DISCLOSURE_THRESHOLD`, 5 unless set; at least 3).
    public var disclosure: DisclosurePolicy = .standard
    public static let minimumMetricsTokenLength = 24
    /// The installation's language (`PRAKTIK_DEFAULT_LANGUAGE`): pages for someone who has chosen
    /// none and whose browser asks for none we speak, and messages to a person whose language is
    /// unknown. Copenhagen runs with `da`.
    public var defaultLanguage: AppLanguage = .default
    /// How long a request waits for a free database connection before it fails. Not read from the
    /// environment; the test suite, which runs hundreds of applications at once on two cores,
    /// waits longer.
    public var databaseConnectionWait: TimeAmount = .seconds(30)

    public enum LogFormat: String, Sendable { case text, json }

    public var servesHTTPS: Bool { publicURL.lowercased().hasPrefix("https://") }

    public init(
        database: DatabaseChoice,
        publicURL: String = "http://127.0.0.1:8080",
        bcryptCost: Int = 12,
        sessionLifetime: SessionLifetime = .init(),
        loginThrottle: LoginThrottlePolicy = .init(),
        passwordPolicy: PasswordPolicy = .init(),
        trustedProxies: Set<String> = [],
        logFormat: LogFormat = .text,
        outboxDirectory: String = "outbox",
        environmentName: String = "development",
        retention: RetentionPolicy = .init(),
        automaticRetention: Bool = false
    ) {
        self.database = database
        self.publicURL = publicURL
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.loginThrottle = loginThrottle
        self.passwordPolicy = passwordPolicy
        self.trustedProxies = trustedProxies
        self.logFormat = logFormat
        self.outboxDirectory = outboxDirectory
        self.environmentName = environmentName
        self.retention = retention
        self.automaticRetention = automaticRetention
    }

    public struct Problems: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String {
            "Praktik cannot start; fix the environment:\n" + messages.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads `PRAKTIK_*` and `DATABASE_URL`. Every variable is optional; the defaults suit a laptop.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var problems: [String] = []

        func number(_ name: String, default fallback: Double, range: ClosedRange<Double>) -> Double {
            guard let raw = environment[name], !raw.isEmpty else { return fallback }
            guard let value = Double(raw), range.contains(value) else {
                problems.append("\(name)=\(raw) is not a number in \(range.lowerBound)...\(range.upperBound)")
                return fallback
            }
            return value
        }

        let database: DatabaseChoice
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                database = .postgres(url: url, schema: environment["PRAKTIK_DATABASE_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 })
            } else if url.hasPrefix("sqlite://") {
                database = .sqlite(path: String(url.dropFirst("sqlite://".count)))
            } else {
                problems.append("DATABASE_URL must start with postgres://, postgresql:// or sqlite://")
                database = .sqlite(path: "praktik.sqlite")
            }
        } else {
            database = .sqlite(path: environment["PRAKTIK_SQLITE_PATH"] ?? "praktik.sqlite")
        }

        let publicURL = environment["PRAKTIK_PUBLIC_URL"] ?? "http://127.0.0.1:8080"
        if !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            problems.append("PRAKTIK_PUBLIC_URL must start with http:// or https://")
        }

        let logFormat = LogFormat(rawValue: environment["PRAKTIK_LOG_FORMAT"] ?? "text")
        if logFormat == nil { problems.append("PRAKTIK_LOG_FORMAT must be text or json") }

        var settings = Settings(
            database: database,
            publicURL: publicURL,
            bcryptCost: Int(number("PRAKTIK_BCRYPT_COST", default: 12, range: 4...31)),
            sessionLifetime: .init(
                idleSeconds: number("PRAKTIK_SESSION_IDLE_MINUTES", default: 30, range: 1...1440) * 60,
                absoluteSeconds: number("PRAKTIK_SESSION_ABSOLUTE_HOURS", default: 12, range: 1...168) * 3600
            ),
            loginThrottle: .init(
                windowSeconds: number("PRAKTIK_LOGIN_WINDOW_MINUTES", default: 15, range: 1...1440) * 60,
                maximumFailuresPerAccount: Int(number("PRAKTIK_LOGIN_MAX_FAILURES_ACCOUNT", default: 5, range: 1...1000)),
                maximumFailuresPerAddress: Int(number("PRAKTIK_LOGIN_MAX_FAILURES_ADDRESS", default: 20, range: 1...100_000))
            ),
            trustedProxies: Set(
                (environment["PRAKTIK_TRUSTED_PROXIES"] ?? "").split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            ),
            logFormat: logFormat ?? .text,
            outboxDirectory: environment["PRAKTIK_OUTBOX_DIR"] ?? "outbox",
            environmentName: environment["PRAKTIK_ENV"] ?? "development",
            retention: .init(monthsAfterExit: Int(number("PRAKTIK_RETENTION_MONTHS", default: 24, range: 1...600))),
            automaticRetention: environment["PRAKTIK_RETENTION_AUTOMATIC"] == "true"
        )
        settings.misuseThresholds = MisuseSignals.Thresholds(
            repeatedPlacements: Int(number("PRAKTIK_MISUSE_REPEATED_PLACEMENTS", default: 2, range: 2...100)),
            internsWithoutHire: Int(number("PRAKTIK_MISUSE_INTERNS_WITHOUT_HIRE", default: 5, range: 1...10_000)),
            lookBackDays: Int(number("PRAKTIK_MISUSE_LOOK_BACK_DAYS", default: 365, range: 1...3650)),
            maximumInternShare: number("PRAKTIK_MISUSE_MAX_INTERN_SHARE", default: 0.25, range: 0...10),
            unansweredRequests: Int(number("PRAKTIK_MISUSE_UNANSWERED_REQUESTS", default: 2, range: 1...1000)),
            answerDays: Int(number("PRAKTIK_MISUSE_ANSWER_DAYS", default: 14, range: 1...365)))
        if let policy = try? DisclosurePolicy(
            threshold: Int(number("PRAKTIK_DISCLOSURE_THRESHOLD", default: 5, range: Double(DisclosurePolicy.smallestThreshold)...1000)))
        {
            settings.disclosure = policy
        }
        settings.applicationsPerAddressPerHour = Int(number("PRAKTIK_APPLY_MAX_PER_HOUR", default: 30, range: 1...100_000))
        if let token = environment["PRAKTIK_METRICS_TOKEN"], !token.isEmpty {
            if token.count < minimumMetricsTokenLength || token.contains(where: { $0.isWhitespace }) {
                problems.append("PRAKTIK_METRICS_TOKEN must be at least \(minimumMetricsTokenLength) characters without spaces")
            } else {
                settings.metricsToken = token
            }
        }
        if let tag = environment["PRAKTIK_DEFAULT_LANGUAGE"], !tag.isEmpty {
            if let language = AppLanguage(rawValue: tag) {
                settings.defaultLanguage = language
            } else {
                problems.append("PRAKTIK_DEFAULT_LANGUAGE must be one of \(AppLanguage.allCases.map(\.tag).joined(separator: ", "))")
            }
        }
        if !problems.isEmpty { throw Problems(messages: problems) }
        return settings
    }
}
