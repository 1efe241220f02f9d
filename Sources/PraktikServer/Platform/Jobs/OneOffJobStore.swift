import Fluent
import Foundation
import SQLKit

/// The SQL behind one-off jobs. Every change of a job's state is one conditional UPDATE, so that of
/// several instances exactly one wins a claim, and an instance whose lease ran out (or whose job was
/// cancelled) cannot overwrite what happened since: every write after the claim is fenced by the
/// job's status, the instance and the attempt number.
struct OneOffJobStore: Sendable {
    let database: any Database
    let clock: AppClock

    private var sql: any SQLDatabase {
        get throws { try database.sql }
    }

    struct Claimed: Decodable, Sendable {
        let id: UUID
        let kind: String
        let payload: String
        let attempts: Int
        let max_attempts: Int
    }

    private struct Returned: Decodable { let id: UUID }

    // MARK: Enqueue and cancel

    /// Inserts a job unless a live one of the same kind and key exists; returns the id of the job
    /// that is queued either way. `ON CONFLICT DO NOTHING` rather than catching the unique
    /// violation, so it can run inside a caller's transaction on PostgreSQL (a failed statement
    /// would abort that transaction).
    func insert(kind: String, payload: String, key: String?, runAt: Date, maximumAttempts: Int) async throws -> UUID {
        let sql = try self.sql
        let id = UUID()
        let inserted = try await sql.raw(
            """
            INSERT INTO one_off_jobs (id, kind, payload, job_key, status, run_at, attempts, max_attempts, created_at)
            VALUES (\(bind: id), \(bind: kind), \(bind: payload), \(bind: key), \(bind: OneOffJobStatus.queued.rawValue),
                    \(bind: runAt), 0, \(bind: maximumAttempts), \(bind: clock.now()))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).all(decoding: Returned.self)
        if let row = inserted.first { return row.id }
        guard let key,
            let existing = try await sql.raw(
                """
                SELECT id FROM one_off_jobs WHERE kind = \(bind: kind) AND job_key = \(bind: key)
                AND status IN (\(binds: OneOffJobStatus.live.map(\.rawValue)))
                """
            ).first(decoding: Returned.self)
        else { throw AppError.conflict(messageKey: "jobs.enqueue-failed") }
        return existing.id
    }

    /// Cancels the live jobs of `kind` whose key is `key` (or starts with it, when `prefix`).
    /// A running job notices at its next progress report and stops.
    func cancel(kind: String, key: String, prefix: Bool) async throws -> Int {
        let keyCondition: SQLQueryString =
            prefix ? "job_key LIKE \(bind: SQLContains.escaped(key) + "%") ESCAPE '\\'" : "job_key = \(bind: key)"
        return try await sql.raw(
            """
            UPDATE one_off_jobs SET status = \(bind: OneOffJobStatus.cancelled.rawValue), finished_at = \(bind: clock.now()),
              locked_by = NULL, lease_expires_at = NULL
            WHERE kind = \(bind: kind)
            """ + " AND " + keyCondition
                + " AND status IN (\(binds: OneOffJobStatus.live.map(\.rawValue))) RETURNING id"
        ).all(decoding: Returned.self).count
    }

    // MARK: Claim and lease

    /// Claims the next due job of one of `kinds` (queued and due, or running with a lease that ran
    /// out), or the job `id` when given. The candidate is chosen by a subquery and claimed by the
    /// same conditions in the outer UPDATE: under PostgreSQL's read committed, a second instance
    /// that chose the same row re-checks them after the first commits and updates nothing.
    func claim(kinds: [String], id: UUID? = nil, instance: String, lease: TimeInterval) async throws -> Claimed? {
        guard !kinds.isEmpty else { return nil }
        let sql = try self.sql
        let now = clock.now()
        let due: SQLQueryString = """
            ((status = \(bind: OneOffJobStatus.queued.rawValue) AND run_at <= \(bind: now))
             OR (status = \(bind: OneOffJobStatus.running.rawValue) AND lease_expires_at < \(bind: now)))
            """
        let only: SQLQueryString = id.map { " AND id = \(bind: $0)" } ?? ""
        let candidates: SQLQueryString = "SELECT id FROM one_off_jobs WHERE kind IN (\(binds: kinds))" + only + " AND " + due
        let assignments: SQLQueryString = """
            status = \(bind: OneOffJobStatus.running.rawValue), attempts = attempts + 1, locked_by = \(bind: instance),
            lease_expires_at = \(bind: now.addingTimeInterval(lease)), started_at = COALESCE(started_at, \(bind: now))
            """
        let claim: SQLQueryString =
            "UPDATE one_off_jobs SET " + assignments + " WHERE id = (" + candidates + " ORDER BY run_at, created_at LIMIT 1) AND "
            + due + " RETURNING id, kind, payload, attempts, max_attempts"
        // A few rounds: losing a race for one candidate is no reason to leave the others waiting.
        for _ in 0..<3 {
            if let claimed = try await sql.raw(claim).first(decoding: Claimed.self) { return claimed }
            if try await sql.raw(candidates).first(decoding: Returned.self) == nil { return nil }
        }
        return nil
    }

    /// Extends the lease of a job this instance holds, and records progress when given.
    func renew(_ id: UUID, attempt: Int, instance: String, lease: TimeInterval, progress: (done: Int, total: Int?)?) async throws {
        var assignments: SQLQueryString = "lease_expires_at = \(bind: clock.now().addingTimeInterval(lease))"
        if let progress {
            assignments = assignments + ", progress_done = \(bind: progress.done), progress_total = \(bind: progress.total)"
        }
        let updated = try await sql.raw(
            "UPDATE one_off_jobs SET " + assignments + fenced(id, attempt: attempt, instance: instance) + " RETURNING id"
        ).all(decoding: Returned.self)
        if updated.isEmpty { throw JobLeaseLost() }
    }

    // MARK: Finish

    func markDone(_ id: UUID, attempt: Int, instance: String) async throws {
        try await finish(
            id, attempt: attempt, instance: instance,
            "status = \(bind: OneOffJobStatus.done.rawValue), finished_at = \(bind: clock.now()), last_error = NULL")
    }

    func retryLater(_ id: UUID, attempt: Int, instance: String, after delay: TimeInterval, error: String) async throws {
        try await finish(
            id, attempt: attempt, instance: instance,
            "status = \(bind: OneOffJobStatus.queued.rawValue), run_at = \(bind: clock.now().addingTimeInterval(delay)), last_error = \(bind: error)"
        )
    }

    /// Returns false when the job was no longer this instance's to fail (cancelled or taken over).
    @discardableResult
    func markFailed(_ id: UUID, attempt: Int, instance: String, error: String) async throws -> Bool {
        try await finish(
            id, attempt: attempt, instance: instance,
            "status = \(bind: OneOffJobStatus.failed.rawValue), finished_at = \(bind: clock.now()), last_error = \(bind: error)")
    }

    @discardableResult
    private func finish(_ id: UUID, attempt: Int, instance: String, _ assignments: SQLQueryString) async throws -> Bool {
        try await !sql.raw(
            "UPDATE one_off_jobs SET locked_by = NULL, lease_expires_at = NULL, " + assignments
                + fenced(id, attempt: attempt, instance: instance) + " RETURNING id"
        ).all(decoding: Returned.self).isEmpty
    }

    private func fenced(_ id: UUID, attempt: Int, instance: String) -> SQLQueryString {
        """
         WHERE id = \(bind: id) AND status = \(bind: OneOffJobStatus.running.rawValue)
         AND locked_by = \(bind: instance) AND attempts = \(bind: attempt)
        """
    }

    // MARK: Housekeeping

    /// Deletes jobs that finished well (done or cancelled) before `date`; failed jobs stay visible.
    func prune(finishedBefore date: Date) async throws -> Int {
        try await sql.raw(
            """
            DELETE FROM one_off_jobs WHERE status IN (\(binds: [OneOffJobStatus.done.rawValue, OneOffJobStatus.cancelled.rawValue]))
            AND finished_at < \(bind: date) RETURNING id
            """
        ).all(decoding: Returned.self).count
    }
}
