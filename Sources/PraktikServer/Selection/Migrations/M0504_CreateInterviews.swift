import Fluent
import SQLKit

/// Interviews an employer contact proposes to a listed candidate. Up to three proposed times as
/// columns (never more, never queried apart), local wall-clock text `YYYY-MM-DDTHH:MM`. The link's
/// secret is mailed; only its SHA-256 digest is stored. `participant_id` lets the person's export and
/// erasure find their interviews.
struct M0504_CreateInterviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Interview.schema)
            .id()
            .field("run_id", .uuid, .required, .references(MatchingRun.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("status", .string, .required)
            .field("time_1", .string, .required)
            .field("time_2", .string)
            .field("time_3", .string)
            .field("chosen_time", .string)
            .field("address_note", .string)
            .field("outcome", .string)
            .field("token_digest", .string)
            .field("language", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        let sql = try database.sql
        try await sql.create(index: "interviews_place_idx").on(Interview.schema).column("place_id").column("application_id").run()
        try await sql.create(index: "interviews_participant_idx").on(Interview.schema).column("participant_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Interview.schema).delete()
    }
}
