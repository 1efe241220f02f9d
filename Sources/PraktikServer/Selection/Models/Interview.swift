import Fluent
import Foundation
import PraktikCore

/// An interview an employer proposed to a listed candidate (M0504), answered through a mailed link.
final class Interview: Model, @unchecked Sendable {
    static let schema = "interviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "run_id") var runID: UUID
    @Field(key: "place_id") var placeID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "participant_id") var participantID: UUID
    /// `InterviewStatus` raw value.
    @Field(key: "status") var status: String
    /// The proposed times, `YYYY-MM-DDTHH:MM` in Stockholm/Copenhagen wall-clock time.
    @Field(key: "time_1") var time1: String
    @OptionalField(key: "time_2") var time2: String?
    @OptionalField(key: "time_3") var time3: String?
    /// The time the candidate confirmed.
    @OptionalField(key: "chosen_time") var chosenTime: String?
    /// Where to come and whom to ask, as the employer wrote it.
    @OptionalField(key: "address_note") var addressNote: String?
    /// `InterviewOutcome` raw value, once held.
    @OptionalField(key: "outcome") var outcome: String?
    /// Kept after the answer, so the link then says what was answered; nil once the person is erased.
    @OptionalField(key: "token_digest") var tokenDigest: String?
    /// The language the mail was written in (`sv`, `en`, `da`).
    @Field(key: "language") var language: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var interviewStatus: InterviewStatus { InterviewStatus(rawValue: status) ?? .cancelled }

    /// The proposed times that read as times, in the order proposed.
    var proposedTimes: [InterviewTime] { [time1, time2, time3].compactMap { $0.flatMap(InterviewTime.init(text:)) } }

    var confirmedTime: InterviewTime? { chosenTime.flatMap(InterviewTime.init(text:)) }
}
