import Fluent
import Foundation

/// A participant placed at an internship place, kept minimal: what the employer register needs to
/// count placements per employer (the board's compilation) and to spot misuse. The placement
/// workflow (decision, purpose, follow-up, exit) builds on this table in a later capability.
///
/// Dates are `YYYY-MM-DD` text. A placement's period is its actual one where known, else the planned
/// one; it counts in a period when the two overlap.
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
    /// The exit outcome "got a job at the placement workplace": nil until known.
    @OptionalField(key: "hired_by_host") var hiredByHost: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Where a placement stands. Planned and active placements hold a seat of their place.
enum PlacementStatus: String, Codable, Sendable, CaseIterable {
    case planned
    case active
    case ended
    case cancelled
}
