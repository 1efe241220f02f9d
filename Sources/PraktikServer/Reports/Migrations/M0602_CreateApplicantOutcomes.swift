import Fluent
import SQLKit

/// Eligible applicants' register status at the 3-month horizon of their intake, for those who were
/// not placed (a placed person's is their placement's own outcome): the comparison of placed and
/// not placed (issue 14). One row per application and horizon.
struct M0602_CreateApplicantOutcomes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("applicant_outcomes")
            .id()
            .field("intake_id", .uuid, .required, .references("intakes", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("participant_id", .uuid, .required)
            .field("horizon", .string, .required)
            .field("measured_on", .string, .required)
            .field("status", .string, .required)
            .field("source", .string, .required)
            .field("source_name", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "application_id", "horizon")
            .create()
        let sql = try database.sql
        try await sql.create(index: "applicant_outcomes_intake_idx").on("applicant_outcomes").column("intake_id").column("horizon").run()
        try await sql.create(index: "applicant_outcomes_participant_idx").on("applicant_outcomes").column("participant_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("applicant_outcomes").delete()
    }
}
