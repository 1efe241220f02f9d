import Fluent
import Foundation
import PraktikCore

/// A participant placed at an internship place: the decision (who, why, on what basis), the period,
/// the programme and purpose, and how it ended. The workflow around it (agreement, hours plan,
/// follow-up forms, outcomes) lives in tables of its own, keyed by the placement.
///
/// Dates are `YYYY-MM-DD` text. A placement's period is its actual one where known, else the planned
/// one. Placements imported from an earlier system (`origin` = history) sit at their employer's
/// archival place (`ArchivalPlaces`) when the real place is not known.
final class Placement: Model, @unchecked Sendable {
    static let schema = "placements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    @Parent(key: "place_id") var place: Place
    /// Repeated from the place so counts per workplace and unit need no join.
    @Parent(key: "workplace_id") var workplace: Workplace
    @Parent(key: "unit_id") var unit: OrganisationUnit
    /// `PlacementStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "planned_start") var plannedStart: String
    @Field(key: "planned_end") var plannedEnd: String
    @OptionalField(key: "actual_start") var actualStart: String?
    @OptionalField(key: "actual_end") var actualEnd: String?
    /// "Did this placement lead to a job with you?": nil until known.
    @OptionalField(key: "hired_by_host") var hiredByHost: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// `PlacementOrigin` raw value; nil for rows recorded before decisions were (M0300).
    @OptionalField(key: "origin") var origin: String?
    /// The programme's code (`placement_programmes.code`).
    @OptionalField(key: "programme") var programme: String?
    /// The intake application the placement came from, for `origin` = application.
    @OptionalField(key: "application_id") var applicationID: UUID?
    @OptionalParent(key: "decided_by") var decidedBy: User?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "justification") var justification: String?
    /// The participant's benefit group when decided (`BenefitType`): outcomes and costs are reported
    /// by the group the person was in during the placement, not by today's.
    @OptionalField(key: "benefit_type") var benefitType: String?
    /// The place's regime when decided (`PlaceRegime`).
    @OptionalField(key: "regime") var regime: String?
    /// The purpose's code (`programme_purposes.code`).
    @OptionalField(key: "purpose") var purpose: String?
    /// The language of the participant's letter and forms (`sv`, `en`, `da`).
    @OptionalField(key: "language") var language: String?
    /// `PlacementEndReason` or `PlacementCancelReason` raw value.
    @OptionalField(key: "end_reason") var endReason: String?
    /// `EmploymentKind` raw value, when the workplace offered employment.
    @OptionalField(key: "employment_kind") var employmentKind: String?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    var placementStatus: PlacementStatus { PlacementStatus(rawValue: status) ?? .cancelled }

    /// An accepted offer (issue 12): planned from an application but not yet decided by the authority.
    /// Placements from before decisions were recorded have no origin and count as decided.
    var isAwaitingDecision: Bool {
        placementStatus == .planned && decidedAt == nil && origin == PlacementOrigin.application.rawValue
    }
    var plannedStartDate: CivilDate? { CivilDate(iso8601: plannedStart) }
    var plannedEndDate: CivilDate? { CivilDate(iso8601: plannedEnd) }
    var actualStartDate: CivilDate? { actualStart.flatMap(CivilDate.init(iso8601:)) }
    var actualEndDate: CivilDate? { actualEnd.flatMap(CivilDate.init(iso8601:)) }
    /// The first day: actual where known.
    var startDate: CivilDate? { actualStartDate ?? plannedStartDate }
    /// The last day: actual where known.
    var endDate: CivilDate? { actualEndDate ?? plannedEndDate }
}
