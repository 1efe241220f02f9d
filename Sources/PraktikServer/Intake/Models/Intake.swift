import Fluent
import Foundation

/// One intake (intag) of a programme: when people may apply, the placement period it fills, how
/// many places it aims at, and the version of the rules its applicants are judged by.
/// Dates are `YYYY-MM-DD` text.
final class Intake: Model, @unchecked Sendable {
    static let schema = "intakes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "programme_id") var programme: Programme
    @Parent(key: "rule_set_id") var ruleSet: StoredRuleSet
    @Field(key: "name") var name: String
    /// `IntakeStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    @Field(key: "placement_start") var placementStart: String
    @Field(key: "placement_end") var placementEnd: String
    @Field(key: "target_places") var targetPlaces: Int
    @OptionalField(key: "target_applicants") var targetApplicants: Int?
    /// A pilot with its own target group beside the ordinary intake (seed 004 2.3.3).
    @Field(key: "is_pilot") var isPilot: Bool
    /// The intake whose waiting list this one takes over (seed 004 section 3).
    @OptionalField(key: "previous_intake_id") var previousIntakeID: UUID?
    @OptionalField(key: "waiting_list_carried_at") var waitingListCarriedAt: Date?
    @OptionalField(key: "ended_at") var endedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
