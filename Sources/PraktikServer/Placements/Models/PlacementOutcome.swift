import Fluent
import Foundation
import PraktikCore

/// The outcome of a placement at one horizon: at exit, or a checkpoint 3, 6 or 12 months after the end.
final class PlacementOutcome: Model, @unchecked Sendable {
    static let schema = "placement_outcomes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "placement_id") var placement: Placement
    @Field(key: "participant_id") var participantID: UUID
    /// `OutcomeHorizon` raw value.
    @Field(key: "horizon") var horizon: String
    @Field(key: "due_on") var dueOn: String
    /// `PlacementOutcome.State` raw value.
    @Field(key: "state") var state: String
    /// `OutcomeStatus` raw value, once answered.
    @OptionalField(key: "status") var status: String?
    @OptionalField(key: "employer_is_host") var employerIsHost: Bool?
    @OptionalField(key: "employment_kind") var employmentKind: String?
    /// `OutcomeSource` raw value.
    @OptionalField(key: "source") var source: String?
    /// A register's own name, for answers from a register.
    @OptionalField(key: "source_name") var sourceName: String?
    @OptionalField(key: "recorded_at") var recordedAt: Date?
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    enum State: String, CaseIterable, Sendable {
        case scheduled
        case answered
        /// The person withdrew the post-exit consent: nothing more is asked or recorded.
        case cancelled
    }

    var outcomeHorizon: OutcomeHorizon { OutcomeHorizon(rawValue: horizon) ?? .atExit }
    var outcomeState: State { State(rawValue: state) ?? .cancelled }
}
