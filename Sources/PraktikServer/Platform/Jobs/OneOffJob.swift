import Fluent
import Foundation
import Logging
import Vapor

/// A piece of background work that runs once: a reminder, an outcome checkpoint, a large import,
/// a matching run. The value itself is the payload: it is stored as JSON in `one_off_jobs` when
/// enqueued (`JobQueue.enqueue`) and decoded again by whichever instance claims it, so it holds ids
/// and settings, never personal data.
///
/// `run(in:)` may be called more than once for one job (a retry after an error, or another instance
/// resuming after a crash), so it must be safe to repeat: look up what is already done and continue.
protocol OneOffJob: Codable, Sendable {
    /// Stable name stored with the job, e.g. `register_import`. Never rename one that has landed.
    static var kind: String { get }
    /// Attempts before the job is marked failed for good. Default 5.
    static var maximumAttempts: Int { get }
    /// Seconds to wait before attempt `attempt + 1` after attempt `attempt` failed.
    static func retryDelay(afterAttempt attempt: Int) -> TimeInterval

    func run(in context: JobContext) async throws

    /// Called once when the job has failed for good (its last attempt threw, it threw
    /// `JobFailure.permanent`, or its instance stopped during the last attempt), so the failure is
    /// shown where people look: on the batch, the request, the placement. Default: nothing.
    func didFailForGood(reason: String, in context: JobContext) async throws
}

extension OneOffJob {
    static var maximumAttempts: Int { 5 }

    /// 30 s, 1 min, 2 min, 4 min … at most an hour.
    static func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(max(0, attempt - 1))))
    }

    func didFailForGood(reason: String, in context: JobContext) async throws {}
}

/// Thrown by a job that cannot succeed however often it is tried (its record was deleted, its
/// input is invalid): the job fails at once instead of being retried.
struct JobFailure: Error, CustomStringConvertible {
    let reason: String
    static func permanent(_ reason: String) -> JobFailure { JobFailure(reason: reason) }
    var description: String { reason }
}

/// Thrown from `JobContext` calls when this instance no longer holds the job: it was cancelled, or
/// its lease ran out and another instance took it over. The job should stop; its result is not
/// recorded.
struct JobLeaseLost: Error, CustomStringConvertible {
    var description: String { "the job was cancelled or taken over by another instance" }
}

/// What a running job may use: the application (database, clock, settings, mail), and a way to
/// report progress, which also extends its lease.
struct JobContext: Sendable {
    let application: Application
    let jobID: UUID
    let kind: String
    /// 1 on the first attempt.
    let attempt: Int
    let maximumAttempts: Int
    let instance: String
    let lease: TimeInterval

    var database: any Database { application.db }
    var clock: AppClock { application.clock }
    var logger: Logger { application.logger }
    var isLastAttempt: Bool { attempt >= maximumAttempts }

    /// Records how far the job has got (shown on pages that follow it) and extends the lease.
    /// Throws `JobLeaseLost` when the job was cancelled or taken over meanwhile.
    func reportProgress(done: Int, total: Int?) async throws {
        try await OneOffJobStore(database: database, clock: clock).renew(
            jobID, attempt: attempt, instance: instance, lease: lease, progress: (done, total))
    }

    /// Extends the lease without changing the progress; throws `JobLeaseLost` like `reportProgress`.
    func renewLease() async throws {
        try await OneOffJobStore(database: database, clock: clock).renew(
            jobID, attempt: attempt, instance: instance, lease: lease, progress: nil)
    }
}
