import Fluent
import SQLKit

/// The history of an application's colour: every run of the rules and every decision by a person,
/// each with what it was based on. Rows are only ever added; the reasons of each rules run are rows
/// of their own so the screening queue filters by rule in SQL.
struct M0406_CreateEligibilityAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EligibilityAssessment.schema)
            .id()
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("sequence", .int, .required)
            .field("colour", .string, .required)
            .field("source", .string, .required)
            .field("rule_set_id", .uuid, .required, .references(StoredRuleSet.schema, "id"))
            .field("fired", .string, .required)
            .field("facts", .string, .required)
            .field("justification", .string)
            .field("decided_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "application_id", "sequence")
            .create()
        try await database.schema(AssessmentReason.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(EligibilityAssessment.schema, "id"))
            .field("application_id", .uuid, .required, .references(IntakeApplication.schema, "id"))
            .field("rule_code", .string, .required)
            .field("colour", .string, .required)
            .field("outcome", .string, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "assessment_reasons_assessment_idx").on(AssessmentReason.schema)
            .column("assessment_id").column("rule_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssessmentReason.schema).delete()
        try await database.schema(EligibilityAssessment.schema).delete()
    }
}
