import Fluent
import Foundation

/// One one-off job: queued, running (leased by one instance), done, failed or cancelled.
final class OneOffJobRecord: Model, @unchecked Sendable {
    static let schema = "one_off_jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    /// The job's value as JSON.
    @Field(key: "payload") var payload: String
    /// The caller's key for idempotency and cancellation, e.g. `import:<batch id>`; unique among
    /// the queued and running jobs of one kind.
    @OptionalField(key: "job_key") var key: String?
    /// `OneOffJobStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "run_at") var runAt: Date
    @Field(key: "attempts") var attempts: Int
    @Field(key: "max_attempts") var maximumAttempts: Int
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "lease_expires_at") var leaseExpiresAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "progress_done") var progressDone: Int?
    @OptionalField(key: "progress_total") var progressTotal: Int?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}
}

enum OneOffJobStatus: String, Codable, Sendable, CaseIterable {
    case queued
    case running
    case done
    case failed
    case cancelled

    /// Statuses in which a job still holds its key (a second enqueue with the key returns it).
    static let live: [OneOffJobStatus] = [.queued, .running]
}
