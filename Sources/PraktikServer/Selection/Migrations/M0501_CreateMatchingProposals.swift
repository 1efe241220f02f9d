import Fluent
import SQLKit

/// Every pair a matching run proposes: a candidate (application) for a place, with the fit score and
/// its explanation (the library's components as JSON: facts and points, never a name).
struct M0501_CreateMatchingProposals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MatchingProposal.schema)
            .id()
            .field("run_id", .uuid, .required, .references(MatchingRun.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("score", .int, .required)
            .field("explanation", .string, .required)
            .unique(on: "run_id", "place_id", "application_id")
            .create()
        let sql = try database.sql
        try await sql.create(index: "matching_proposals_place_idx").on(MatchingProposal.schema).column("run_id").column("place_id").run()
        try await sql.create(index: "matching_proposals_participant_idx").on(MatchingProposal.schema).column("participant_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MatchingProposal.schema).delete()
    }
}
