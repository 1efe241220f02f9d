import Fluent
import Foundation

/// One site of an employer where interns work: an address in a district, and in Denmark its P-number.
final class Workplace: Model, @unchecked Sendable {
    static let schema = "workplaces"

    @ID(key: .id) var id: UUID?
    @Parent(key: "employer_id") var employer: Employer
    @Field(key: "name") var name: String
    @Field(key: "address") var address: String
    @Field(key: "postal_code") var postalCode: String
    @Field(key: "city") var city: String
    @Field(key: "district") var district: String
    /// Danish produktionsenhedsnummer, ten digits.
    @OptionalField(key: "p_number") var pNumber: String?
    /// `RegisterRow.Workplace.naturalKey`: what a second import matches on.
    @Field(key: "natural_key") var naturalKey: String
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
