import Fluent
import Foundation

/// A language the participant speaks and at what level; matching filters on it.
final class ParticipantLanguage: Model, @unchecked Sendable {
    static let schema = "participant_languages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    /// ISO 639-1 code, e.g. "sv", "ar", "so".
    @Field(key: "language") var language: String
    @Field(key: "level") var level: String

    init() {}

    init(participantID: UUID, language: String, level: String) {
        self.$participant.id = participantID
        self.language = language
        self.level = level
    }
}
