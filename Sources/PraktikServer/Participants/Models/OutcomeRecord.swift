import Fluent
import Foundation

/// What a participant was doing at a horizon after exit (or at exit).
final class OutcomeRecord: Model, @unchecked Sendable {
    static let schema = "participant_outcomes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    @Field(key: "horizon") var horizon: String
    @Field(key: "status") var status: String
    /// Whether the work is at the employer that hosted the placement.
    @OptionalField(key: "employer_is_host") var employerIsHost: Bool?
    @Field(key: "source") var source: String
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "recorded_by") var recordedBy: UUID?

    init() {}
}
