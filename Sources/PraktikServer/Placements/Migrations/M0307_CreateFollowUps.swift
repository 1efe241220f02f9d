import Fluent
import SQLKit

/// One form to one respondent of one placement, and its answers (one row per question, so feedback
/// is counted in SQL). An answer row keeps the question's type; the form keeps its template version.
struct M0307_CreateFollowUps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FollowUp.schema)
            .id()
            .field("placement_id", .uuid, .required, .references(Placement.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("template_version_id", .uuid, .required, .references(FollowUpTemplateVersion.schema, "id"))
            .field("stage", .string, .required)
            .field("respondent", .string, .required)
            .field("due_on", .string, .required)
            .field("language", .string, .required)
            .field("recipient_email", .string)
            .field("sent_at", .datetime)
            .field("expires_on", .string)
            .field("reminders_sent", .int, .required)
            .field("answered_at", .datetime)
            .field("answered_by", .uuid, .references(User.schema, "id"))
            .field("answered_via", .string)
            .field("on_behalf", .bool, .required)
            .field("cancelled_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "placement_id", "stage", "respondent")
            .create()
        try await database.schema(FollowUpAnswerRecord.schema)
            .id()
            .field("follow_up_id", .uuid, .required, .references(FollowUp.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("question_key", .string, .required)
            .field("question_kind", .string, .required)
            .field("meaning", .string)
            .field("value", .string, .required)
            .field("number", .int)
            .unique(on: "follow_up_id", "question_key")
            .create()
        let sql = try database.sql
        try await sql.create(index: "follow_ups_open_idx").on(FollowUp.schema).column("answered_at").column("due_on").run()
        try await sql.create(index: "follow_up_answers_meaning_idx").on(FollowUpAnswerRecord.schema).column("meaning").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FollowUpAnswerRecord.schema).delete()
        try await database.schema(FollowUp.schema).delete()
    }
}
