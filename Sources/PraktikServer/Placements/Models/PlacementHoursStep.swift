import Fluent
import Foundation
import PraktikCore

/// One step of a placement's hours plan: hours a week from a date on.
final class PlacementHoursStep: Model, @unchecked Sendable {
    static let schema = "placement_hours"

    @ID(key: .id) var id: UUID?
    @Parent(key: "placement_id") var placement: Placement
    @Field(key: "from_date") var fromDate: String
    @Field(key: "hours_per_week") var hoursPerWeek: Int
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var step: HoursPlan.Step? {
        CivilDate(iso8601: fromDate).map { HoursPlan.Step(from: $0, hoursPerWeek: hoursPerWeek) }
    }
}
