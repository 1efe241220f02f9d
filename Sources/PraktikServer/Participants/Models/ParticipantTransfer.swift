import Fluent
import Foundation

/// A request to move a participant's record to the unit `toUnit` (`TransferStatus`, raw value in
/// `status`). `fromUnit` is the unit that held the record when the request was decided.
final class ParticipantTransfer: Model, @unchecked Sendable {
    static let schema = "participant_transfers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    @Parent(key: "to_unit_id") var toUnit: OrganisationUnit
    @OptionalParent(key: "requested_by") var requestedBy: User?
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "status") var status: String
    @OptionalParent(key: "from_unit_id") var fromUnit: OrganisationUnit?
    @OptionalParent(key: "decided_by") var decidedBy: User?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}
}
