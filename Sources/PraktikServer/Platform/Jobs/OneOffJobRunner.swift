import Foundation
import Vapor

/// Claims due one-off jobs and runs them: retries with backoff after an error, a visible failure
/// after the last attempt, and a lease that another instance takes over when this one stops.
struct OneOffJobRunner: Sendable {
    let app: Application
    let instance: String
    /// How long a claim holds without a progress report. A job that runs longer reports progress
    /// (or renews its lease) more often than this.
    static let lease: TimeInterval = 5 * 60

    private var store: OneOffJobStore { OneOffJobStore(database: app.db, clock: app.clock) }
    private var registry: OneOffJobRegistry { app.oneOffJobs }

    /// Runs due jobs one after another until none is due or `limit` have run; returns their kinds.
    @discardableResult
    func runDueJobs(limit: Int = 100) async throws -> [String] {
        var ran: [String] = []
        while ran.count < limit, !Task.isCancelled,
            let claimed = try await store.claim(kinds: registry.kinds, instance: instance, lease: Self.lease)
        {
            await execute(claimed)
            ran.append(claimed.kind)
        }
        return ran
    }

    /// Runs the job `id` now, in the caller's task, if it is due and no other instance holds it;
    /// returns whether it ran. For work a person waits for (a small import) that should still be
    /// resumed by another instance if this one stops half-way.
    @discardableResult
    func run(jobID id: UUID) async throws -> Bool {
        guard let claimed = try await store.claim(kinds: registry.kinds, id: id, instance: instance, lease: Self.lease) else {
            return false
        }
        await execute(claimed)
        return true
    }

    private func execute(_ claimed: OneOffJobStore.Claimed) async {
        let context = JobContext(
            application: app, jobID: claimed.id, kind: claimed.kind, attempt: claimed.attempts,
            maximumAttempts: claimed.max_attempts, instance: instance, lease: Self.lease)
        let metadata: Logger.Metadata = [
            "job": .string(claimed.kind), "job_id": .string(claimed.id.uuidString), "attempt": .stringConvertible(claimed.attempts),
        ]
        guard let handler = registry.handlers[claimed.kind] else { return }
        do {
            if claimed.attempts > claimed.max_attempts {
                // The instance running the last attempt stopped before it finished; the lease ran out.
                throw JobFailure.permanent("the instance running attempt \(claimed.attempts - 1) stopped before it finished")
            }
            try await handler.run(claimed.payload, context)
            try await store.markDone(claimed.id, attempt: claimed.attempts, instance: instance)
        } catch is JobLeaseLost {
            app.logger.notice("one-off job was cancelled or taken over; stopped", metadata: metadata)
        } catch {
            let reason = String(String(describing: error).prefix(2000))
            let permanent = error is JobFailure
            do {
                if Task.isCancelled && !permanent {
                    // The server is stopping: put the job back for the next instance, attempt counted.
                    try await store.retryLater(claimed.id, attempt: claimed.attempts, instance: instance, after: 0, error: reason)
                } else if permanent || claimed.attempts >= claimed.max_attempts {
                    app.logger.error("one-off job failed for good: \(reason)", metadata: metadata)
                    if try await store.markFailed(claimed.id, attempt: claimed.attempts, instance: instance, error: reason) {
                        try await handler.didFailForGood(claimed.payload, reason, context)
                    }
                } else {
                    app.logger.warning("one-off job failed, will retry: \(reason)", metadata: metadata)
                    try await store.retryLater(
                        claimed.id, attempt: claimed.attempts, instance: instance, after: handler.retryDelay(claimed.attempts),
                        error: reason)
                }
            } catch {
                // The lease runs out and another instance takes the job over.
                app.logger.error("one-off job state could not be recorded: \(String(describing: error))", metadata: metadata)
            }
        }
    }
}
