import Fluent
import SQLKit

/// Outreach before an intake (seed 004 2.4): the selection with its criteria, and the people it
/// invited with how each was reached.
struct M0410_CreateOutreach: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutreachSelection.schema)
            .id()
            .field("intake_id", .uuid, .required, .references(Intake.schema, "id"))
            .field("criteria", .string, .required)
            .field("recipient_count", .int, .required)
            .field("email_count", .int, .required)
            .field("letter_count", .int, .required)
            .field("status", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("sent_by", .uuid)
            .field("sent_at", .datetime)
            .create()
        try await database.schema(OutreachRecipient.schema)
            .id()
            .field("selection_id", .uuid, .required, .references(OutreachSelection.schema, "id"))
            .field("intake_id", .uuid, .required, .references(Intake.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("channel", .string, .required)
            .field("language", .string, .required)
            .field("sent_at", .datetime)
            .unique(on: "selection_id", "participant_id")
            .create()
        let sql = try database.sql
        try await sql.create(index: "outreach_recipients_intake_idx").on(OutreachRecipient.schema)
            .column("intake_id").column("participant_id").run()
        try await sql.create(index: "outreach_recipients_selection_idx").on(OutreachRecipient.schema)
            .column("selection_id").column("sent_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutreachRecipient.schema).delete()
        try await database.schema(OutreachSelection.schema).delete()
    }
}
