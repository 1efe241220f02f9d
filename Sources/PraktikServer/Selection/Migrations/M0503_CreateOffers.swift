import Fluent
import SQLKit

/// Offers of a place to a candidate the employer selected from a published shortlist. The link's
/// secret is mailed; only its SHA-256 digest is stored. `participant_id` lets the person's export and
/// erasure find their offers; `placement_id` is the planned placement an acceptance made.
struct M0503_CreateOffers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Offer.schema)
            .id()
            .field("run_id", .uuid, .required, .references(MatchingRun.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("status", .string, .required)
            .field("token_digest", .string)
            .field("language", .string, .required)
            .field("expires_on", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("placement_id", .uuid, .references(Placement.schema, "id"))
            .unique(on: "token_digest")
            .create()
        let sql = try database.sql
        try await sql.create(index: "offers_place_idx").on(Offer.schema).column("place_id").column("status").run()
        try await sql.create(index: "offers_participant_idx").on(Offer.schema).column("participant_id").run()
        try await sql.create(index: "offers_application_idx").on(Offer.schema).column("application_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Offer.schema).delete()
    }
}
