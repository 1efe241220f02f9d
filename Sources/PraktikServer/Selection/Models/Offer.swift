import Fluent
import Foundation
import PraktikCore

/// An offer of a place to a selected candidate (M0503), answered through a mailed link.
final class Offer: Model, @unchecked Sendable {
    static let schema = "offers"

    @ID(key: .id) var id: UUID?
    @Field(key: "run_id") var runID: UUID
    @Field(key: "place_id") var placeID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "participant_id") var participantID: UUID
    /// `OfferStatus` raw value.
    @Field(key: "status") var status: String
    /// Kept after the answer, so the link then says what was answered; nil once the person is erased.
    @OptionalField(key: "token_digest") var tokenDigest: String?
    /// The language the offer was written in (`sv`, `en`, `da`).
    @Field(key: "language") var language: String
    /// The last day the link can be answered, `YYYY-MM-DD`.
    @Field(key: "expires_on") var expiresOn: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "placement_id") var placementID: UUID?

    init() {}

    var offerStatus: OfferStatus { OfferStatus(rawValue: status) ?? .withdrawn }
}
