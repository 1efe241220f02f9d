import Fluent
import Foundation

/// A case worker's reason why a place of an intake stayed empty (M0510).
final class UnfilledPlaceNote: Model, @unchecked Sendable {
    static let schema = "unfilled_place_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "intake_id") var intakeID: UUID
    @Field(key: "place_id") var placeID: UUID
    /// `UnfilledPlaceReason` raw value.
    @Field(key: "reason") var reason: String
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
