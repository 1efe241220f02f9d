import Fluent
import Foundation

/// A target-group tag (e.g. "young_adult", "newly_arrived", "long_term_unemployed").
final class ParticipantTargetGroup: Model, @unchecked Sendable {
    static let schema = "participant_target_groups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    @Field(key: "tag") var tag: String

    init() {}

    init(participantID: UUID, tag: String) {
        self.$participant.id = participantID
        self.tag = tag
    }
}
