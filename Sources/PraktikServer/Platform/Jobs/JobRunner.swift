import Fluent
import Foundation
import SQLKit
import Vapor

/// Runs the recurring background jobs: delivering queued mail, pruning finished one-off jobs, and
/// (when enabled) the retention erasure. `praktik serve` runs it in-process; `praktik jobs` runs it
/// alone. One-off jobs (`OneOffJobRunner`) run beside it.
///
/// Claiming a job is one conditional UPDATE, so of several instances polling at once exactly one
/// wins the lease; a crashed instance's lease simply runs out.
struct JobRunner: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case deliverMail = "deliver_mail"
        case retention
        case pruneJobs = "prune_jobs"

        var intervalSeconds: Int {
            switch self {
            case .deliverMail: 30
            case .retention, .pruneJobs: 24 * 3600
            }
        }
    }

    let app: Application
    let instance: String
    static let lease: TimeInterval = 10 * 60
    /// One-off jobs that finished well are kept this long for the admin's job list; failed ones stay.
    static let keepFinishedJobs: TimeInterval = 30 * 24 * 3600

    /// The jobs this installation runs: retention only when the operator has turned it on.
    var enabledKinds: [Kind] {
        Kind.allCases.filter { $0 != .retention || app.settings.automaticRetention }
    }

    /// Runs every enabled job that is due, and returns the kinds that ran.
    @discardableResult
    func runDueJobs() async throws -> [Kind] {
        try await ensureScheduled()
        var ran: [Kind] = []
        for kind in enabledKinds where try await claim(kind) {
            var failure: String?
            do {
                try await perform(kind)
            } catch {
                failure = String(describing: error)
                app.logger.warning("job failed", metadata: ["job": .string(kind.rawValue)])
            }
            try await release(kind, error: failure)
            ran.append(kind)
        }
        return ran
    }

    private func perform(_ kind: Kind) async throws {
        switch kind {
        case .deliverMail:
            try await Outbox(database: app.db, clock: app.clock).deliverPending(via: app.mailTransport, logger: app.logger)
        case .retention:
            let erased = try await RetentionService(database: app.db, clock: app.clock, policy: app.settings.retention).run()
            if erased > 0 { app.logger.notice("retention erased participants", metadata: ["count": .stringConvertible(erased)]) }
        case .pruneJobs:
            _ = try await OneOffJobStore(database: app.db, clock: app.clock).prune(
                finishedBefore: app.clock.now().addingTimeInterval(-Self.keepFinishedJobs))
        }
    }

    private func ensureScheduled() async throws {
        let existing = Set(try await ScheduledJob.query(on: app.db).all().map(\.kind))
        for kind in Kind.allCases where !existing.contains(kind.rawValue) {
            let job = ScheduledJob()
            job.kind = kind.rawValue
            job.intervalSeconds = kind.intervalSeconds
            job.nextRunAt = app.clock.now()
            do { try await job.create(on: app.db) } catch  where error.isUniqueViolation {
                // Another instance scheduled it first: the unique index on `kind` keeps one row.
            }
        }
    }

    private func claim(_ kind: Kind) async throws -> Bool {
        let sql = try app.db.sql
        let now = app.clock.now()
        let claimed = try await sql.update(ScheduledJob.schema)
            .set("locked_until", to: SQLBind(now.addingTimeInterval(Self.lease)))
            .set("locked_by", to: SQLBind(instance))
            .where("kind", .equal, SQLBind(kind.rawValue))
            .where("next_run_at", .lessThanOrEqual, SQLBind(now))
            .where { $0.where("locked_until", .is, SQLLiteral.null).orWhere("locked_until", .lessThan, SQLBind(now)) }
            .returning("kind")
            .all()
        return !claimed.isEmpty
    }

    private func release(_ kind: Kind, error: String?) async throws {
        let sql = try app.db.sql
        let now = app.clock.now()
        try await sql.update(ScheduledJob.schema)
            .set("locked_until", to: SQLLiteral.null)
            .set("locked_by", to: SQLLiteral.null)
            .set("last_run_at", to: SQLBind(now))
            .set("last_error", to: error.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .set("next_run_at", to: SQLBind(now.addingTimeInterval(TimeInterval(kind.intervalSeconds))))
            .where("kind", .equal, SQLBind(kind.rawValue))
            .where("locked_by", .equal, SQLBind(instance))
            .run()
    }
}

/// Polls for due jobs while the server runs, and stops with it: recurring and one-off jobs in two
/// loops, so a long import does not hold up mail. Shutdown waits for the job in hand to finish.
final class InProcessJobRunner: LifecycleHandler, @unchecked Sendable {
    private var tasks: [Task<Void, Never>] = []
    let pollSeconds: UInt64

    init(pollSeconds: UInt64 = 5) { self.pollSeconds = pollSeconds }

    func didBootAsync(_ application: Application) async throws {
        let instance = PraktikApplication.instanceName
        let recurring = JobRunner(app: application, instance: instance)
        let oneOff = OneOffJobRunner(app: application, instance: instance)
        tasks = [
            Self.poll(every: pollSeconds, application) { _ = try await recurring.runDueJobs() },
            Self.poll(every: pollSeconds, application) { _ = try await oneOff.runDueJobs() },
        ]
    }

    private static func poll(
        every seconds: UInt64, _ application: Application, _ body: @escaping @Sendable () async throws -> Void
    ) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                do { try await body() } catch {
                    application.logger.warning("job runner: \(String(describing: error))")
                }
                try? await Task.sleep(nanoseconds: seconds * 1_000_000_000)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

extension PraktikApplication {
    /// This process's name in job leases: host and process id.
    static var instanceName: String {
        ProcessInfo.processInfo.hostName + ":" + String(ProcessInfo.processInfo.processIdentifier)
    }

    /// Runs the background jobs inside this server process.
    public static func runJobsInProcess(_ app: Application) {
        app.lifecycle.use(InProcessJobRunner())
    }

    /// Runs due jobs once, recurring and one-off, for `praktik jobs`; returns the kinds that ran.
    public static func runDueJobsOnce(_ app: Application, instance: String) async throws -> [String] {
        let recurring = try await JobRunner(app: app, instance: instance).runDueJobs().map(\.rawValue)
        return try await recurring + OneOffJobRunner(app: app, instance: instance).runDueJobs()
    }
}
