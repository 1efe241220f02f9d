import Fluent
import SQLKit

/// One application of a person to an intake. The applicant's answers are plain columns (and the
/// child tables of M0404 and M0405) so screening filters and the selection's matching query them
/// in SQL; the schema is described in NOTES.md.
struct M0403_CreateApplications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IntakeApplication.schema)
            .id()
            .field("intake_id", .uuid, .required, .references(Intake.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("status", .string, .required)
            .field("colour", .string, .required)
            .field("rules_colour", .string, .required)
            .field("current_assessment_id", .uuid)
            .field("rules_assessment_id", .uuid)
            .field("language", .string, .required)
            .field("channel", .string, .required)
            .field("submission_key", .string)
            // As typed by the applicant: the application's own contact details and identity.
            .field("first_name", .string)
            .field("last_name", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("postal_address", .string)
            .field("birth_date", .string)
            .field("gender", .string, .required)
            .field("birth_region", .string, .required)
            .field("home_district", .string)
            // The facts the rules and the matching read.
            .field("registered_as_job_seeker", .bool)
            .field("education_level", .string, .required)
            .field("education_field", .string)
            .field("education_country", .string)
            .field("education_year", .int)
            .field("upper_secondary_full_grades", .bool)
            .field("swedish_work_months", .int)
            .field("permit_kind", .string)
            .field("permit_end", .string)
            .field("current_occupation", .string)
            .field("available_from", .string)
            // The process.
            .field("submitted_at", .datetime, .required)
            .field("status_changed_at", .datetime, .required)
            .field("first_decided_at", .datetime)
            .field("offered_at", .datetime)
            .field("placement_decided_at", .datetime)
            .field("withdrawn_at", .datetime)
            .field("waiting_list_offered", .bool, .required)
            .field("carried_from_application_id", .uuid)
            .field("updated_at", .datetime)
            .unique(on: "intake_id", "participant_id")
            .unique(on: "submission_key")
            .create()
        let sql = try database.sql
        try await sql.create(index: "applications_queue_idx").on(IntakeApplication.schema)
            .column("intake_id").column("status").column("colour").run()
        try await sql.create(index: "applications_participant_idx").on(IntakeApplication.schema).column("participant_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IntakeApplication.schema).delete()
    }
}
