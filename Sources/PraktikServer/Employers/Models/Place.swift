import Fluent
import Foundation

/// An internship place at a workplace: what the intern does, how many seats, when, and which unit
/// owns it. Dates are `YYYY-MM-DD` text, which sorts and compares correctly on both databases.
final class Place: Model, @unchecked Sendable {
    static let schema = "places"

    @ID(key: .id) var id: UUID?
    @Parent(key: "workplace_id") var workplace: Workplace
    /// Repeated from the workplace so lists filter by employer without a join.
    @Parent(key: "employer_id") var employer: Employer
    @Parent(key: "unit_id") var unit: OrganisationUnit
    @Field(key: "title") var title: String
    @Field(key: "occupation_field") var occupationField: String
    @Field(key: "tasks") var tasks: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "hours_per_week") var hoursPerWeek: Int
    @Field(key: "language_requirement") var languageRequirement: String
    @Field(key: "remote_possible") var remotePossible: Bool
    /// `PlaceRegime` raw value.
    @Field(key: "regime") var regime: String
    /// `PlaceStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "natural_key") var naturalKey: String
    @Field(key: "search_text") var searchText: String
    @OptionalParent(key: "proposed_by") var proposedBy: User?
    @OptionalParent(key: "approved_by") var approvedBy: User?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
