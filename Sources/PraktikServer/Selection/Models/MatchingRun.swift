import Fluent
import Foundation
import PraktikCore

/// One matching run of an intake (M0500). Figures are nil until the run has finished.
final class MatchingRun: Model, @unchecked Sendable {
    static let schema = "matching_runs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "intake_id") var intake: Intake
    /// `MatchingRunStatus` raw value.
    @Field(key: "status") var status: String
    /// `MatchingRunPhase` raw value.
    @Field(key: "phase") var phase: String
    /// `MatchingMode` raw value.
    @Field(key: "mode") var mode: String
    @Field(key: "candidates_per_seat") var candidatesPerSeat: Int
    @Field(key: "lists_per_applicant") var listsPerApplicant: Int
    @OptionalField(key: "requested_by") var requestedBy: UUID?
    /// `web` or `command_line`.
    @Field(key: "requested_via") var requestedVia: String
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Field(key: "mapping_version") var mappingVersion: String
    @Field(key: "rule_set_id") var ruleSetID: UUID
    @Field(key: "weights_version") var weightsVersion: String
    @Field(key: "weights") var weights: String
    @OptionalField(key: "job_id") var jobID: UUID?
    @OptionalField(key: "candidate_count") var candidateCount: Int?
    @OptionalField(key: "place_count") var placeCount: Int?
    @OptionalField(key: "seat_count") var seatCount: Int?
    @OptionalField(key: "pair_count") var pairCount: Int?
    @OptionalField(key: "proposal_count") var proposalCount: Int?
    @OptionalField(key: "total_score") var totalScore: Int?
    /// Assign: the most seats any assignment could fill (the exact solver reaches it). Shortlist:
    /// the list slots that could be filled if no candidate were limited to b lists.
    @OptionalField(key: "fill_bound") var fillBound: Int?
    /// Places with at least one candidate who passes every hard filter.
    @OptionalField(key: "places_reachable") var placesReachable: Int?
    @OptionalField(key: "load_ms") var loadMilliseconds: Int?
    @OptionalField(key: "score_ms") var scoreMilliseconds: Int?
    @OptionalField(key: "solve_ms") var solveMilliseconds: Int?
    @OptionalField(key: "store_ms") var storeMilliseconds: Int?
    /// A finished run that proposes nothing says why: `selection.outcome.no-candidates`, `…no-places`.
    @OptionalField(key: "outcome_key") var outcomeKey: String?
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by") var publishedBy: UUID?
    /// `MatchingRound` raw value.
    @Field(key: "round") var round: Int
    /// A second round: the first round's published run whose empty seats it fills.
    @OptionalField(key: "based_on_run_id") var basedOnRunID: UUID?

    init() {}

    var runStatus: MatchingRunStatus { MatchingRunStatus(rawValue: status) ?? .failed }
    var runMode: MatchingMode { MatchingMode(rawValue: mode) ?? .shortlist }
    var matchingRound: MatchingRound { MatchingRound(rawValue: round) ?? .first }
}

/// One proposed pair of a run (M0501); read and written with SQL, declared for its schema name.
enum MatchingProposal {
    static let schema = "matching_proposals"
}
