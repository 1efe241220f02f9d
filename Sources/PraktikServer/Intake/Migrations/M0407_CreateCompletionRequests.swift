import Fluent
import SQLKit

struct M0407_CreateCompletionRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CompletionRequest.schema)
            .id()
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("items", .string, .required)
            .field("message", .string, .required)
            .field("deadline", .string, .required)
            .field("status", .string, .required)
            .field("requested_by", .uuid)
            .field("requested_at", .datetime, .required)
            .field("reminder_sent_at", .datetime)
            .field("answered_at", .datetime)
            .field("answer_text", .string)
            .field("closed_at", .datetime)
            .create()
        let sql = try database.sql
        try await sql.create(index: "completion_requests_application_idx").on(CompletionRequest.schema)
            .column("application_id").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CompletionRequest.schema).delete()
    }
}
