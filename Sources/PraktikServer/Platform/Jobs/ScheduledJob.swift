import Fluent
import Foundation

/// A recurring piece of background work and when it runs next. Several app instances share the
/// table; a lease (`locked_until`) makes sure only one of them runs a job at a time.
final class ScheduledJob: Model, @unchecked Sendable {
    static let schema = "scheduled_jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "interval_seconds") var intervalSeconds: Int
    @Field(key: "next_run_at") var nextRunAt: Date
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "last_run_at") var lastRunAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}
}
