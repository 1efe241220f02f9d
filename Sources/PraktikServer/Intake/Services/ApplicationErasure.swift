import Fluent
import Foundation
import SQLKit

/// What erasing a participant removes from their applications: the name, contact details and
/// birth date as typed, free text that may name them (a country of study, a case worker's
/// justification, a completion message and answer) and their status links. The answers the
/// statistics count (gender, colours, statuses, dates of the process) stay.
enum ApplicationErasure {
    static func erase(participantID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.update(IntakeApplication.schema)
            .set("first_name", to: SQLLiteral.null).set("last_name", to: SQLLiteral.null).set("email", to: SQLLiteral.null)
            .set("phone", to: SQLLiteral.null).set("postal_address", to: SQLLiteral.null).set("birth_date", to: SQLLiteral.null)
            .set("education_country", to: SQLLiteral.null).set("submission_key", to: SQLLiteral.null)
            .where("participant_id", .equal, SQLBind(participantID)).run()
        try await sql.update(EligibilityAssessment.schema).set("justification", to: SQLLiteral.null)
            .where("participant_id", .equal, SQLBind(participantID)).run()
        try await sql.update(CompletionRequest.schema).set("message", to: SQLBind("")).set("answer_text", to: SQLLiteral.null)
            .where("participant_id", .equal, SQLBind(participantID)).run()
        try await sql.delete(from: ApplicationLink.schema).where("participant_id", .equal, SQLBind(participantID)).run()
    }
}
