import Fluent
import Foundation

/// One step in a placement's history: the decision, an action of the status machine, a change of the
/// agreement or the hours plan. Written in the same transaction as the change.
final class PlacementEvent: Model, @unchecked Sendable {
    static let schema = "placement_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "placement_id") var placement: Placement
    @Field(key: "participant_id") var participantID: UUID
    /// `PlacementEvent.Kind` raw value.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "from_status") var fromStatus: String?
    @OptionalField(key: "to_status") var toStatus: String?
    /// The date the step names (start, end, new end).
    @OptionalField(key: "on_date") var onDate: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "note") var note: String?
    /// For an extension: the planned end before it.
    @OptionalField(key: "previous_end") var previousEnd: String?
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    enum Kind: String, CaseIterable, Sendable {
        case decided
        case start, extend, complete
        case endEarly = "end_early"
        case cancel
        case agreement
        case agreementConfirmed = "agreement_confirmed"
        case hours
        case outcome
        case hiredByHost = "hired_by_host"
        /// The candidate accepted an offer: a planned placement waiting for the authority's decision.
        case offerAccepted = "offer_accepted"
    }
}
