import Fluent
import Foundation

/// One item of the employer checklist the administrator configures (F-tax registration, no ongoing
/// labour dispute, consultation with the union…).
final class EmployerCheckType: Model, @unchecked Sendable {
    static let schema = "employer_check_types"

    @ID(key: .id) var id: UUID?
    /// Stable key, e.g. `f_tax`, named in usability reasons.
    @Field(key: "key") var key: String
    @Field(key: "name_sv") var nameSwedish: String
    @Field(key: "name_en") var nameEnglish: String
    /// Nil: Danish readers see the English name (M0110).
    @OptionalField(key: "name_da") var nameDanish: String?
    /// How long a result holds after the check date; nil: until checked again.
    @OptionalField(key: "validity_days") var validityDays: Int?
    /// Required checks must be passed and current before a place is used.
    @Field(key: "is_required") var isRequired: Bool
    /// Union consultation: the union's name is recorded with the result.
    @Field(key: "needs_union") var needsUnion: Bool
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
