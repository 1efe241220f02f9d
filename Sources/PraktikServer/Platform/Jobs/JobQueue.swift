import Fluent
import Foundation
import Vapor

/// Where capabilities put one-off work and take it back. Pass the database of the transaction that
/// causes the job, so the job exists exactly when the change that needs it was committed.
///
///     try await JobQueue(database: db, clock: clock)
///         .enqueue(CompletionReminder(requestID: id), key: "completion:\(id)", runAt: deadline)
///     try await JobQueue(database: db, clock: clock).cancel(CompletionReminder.self, key: "completion:\(id)")
struct JobQueue: Sendable {
    let database: any Database
    let clock: AppClock

    private var store: OneOffJobStore { OneOffJobStore(database: database, clock: clock) }

    /// Queues `job` to run at `runAt` (now by default) and returns its id. With a `key`, enqueueing
    /// is idempotent: while a job of this kind with this key is queued or running, the call returns
    /// that job's id and adds nothing. A finished, failed or cancelled job frees its key.
    @discardableResult
    func enqueue<Job: OneOffJob>(_ job: Job, key: String? = nil, runAt: Date? = nil) async throws -> UUID {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = String(decoding: try encoder.encode(job), as: UTF8.self)
        return try await store.insert(
            kind: Job.kind, payload: payload, key: key, runAt: runAt ?? clock.now(), maximumAttempts: Job.maximumAttempts)
    }

    /// Cancels the queued or running job of this kind with this key; returns how many were cancelled.
    @discardableResult
    func cancel<Job: OneOffJob>(_ type: Job.Type, key: String) async throws -> Int {
        try await store.cancel(kind: Job.kind, key: key, prefix: false)
    }

    /// Cancels every queued or running job of this kind whose key starts with `prefix`, e.g. all
    /// follow-up reminders `participant:<id>:…` of a person who withdrew consent.
    @discardableResult
    func cancel<Job: OneOffJob>(_ type: Job.Type, keysStartingWith prefix: String) async throws -> Int {
        try await store.cancel(kind: Job.kind, key: prefix, prefix: true)
    }

    /// The job as a page would show it.
    func snapshot(of id: UUID) async throws -> OneOffJobSnapshot? {
        try await OneOffJobRecord.find(id, on: database).map(OneOffJobSnapshot.init)
    }

    /// The most recently created job of this kind with this key, whatever its status.
    func latest<Job: OneOffJob>(_ type: Job.Type, key: String) async throws -> OneOffJobSnapshot? {
        try await OneOffJobRecord.query(on: database).filter(\.$kind == Job.kind).filter(\.$key == key)
            .sort(\.$createdAt, .descending).first().map(OneOffJobSnapshot.init)
    }
}

/// A one-off job's state, for pages and tests.
struct OneOffJobSnapshot: Sendable, Equatable {
    let id: UUID
    let kind: String
    let key: String?
    let status: OneOffJobStatus
    let attempts: Int
    let maximumAttempts: Int
    let runAt: Date
    let lastError: String?
    let progressDone: Int?
    let progressTotal: Int?
    let createdAt: Date
    let finishedAt: Date?

    init(_ record: OneOffJobRecord) {
        id = record.id ?? UUID()
        kind = record.kind
        key = record.key
        status = OneOffJobStatus(rawValue: record.status) ?? .failed
        attempts = record.attempts
        maximumAttempts = record.maximumAttempts
        runAt = record.runAt
        lastError = record.lastError
        progressDone = record.progressDone
        progressTotal = record.progressTotal
        createdAt = record.createdAt
        finishedAt = record.finishedAt
    }
}
