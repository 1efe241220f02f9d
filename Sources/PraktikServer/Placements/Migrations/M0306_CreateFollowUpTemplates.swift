import Fluent
import Foundation
import PraktikCore

/// Follow-up templates and their versions. A version's questions (JSON, every language) never change;
/// the admin's edit stores a new version, and each form sent keeps the version it was sent with.
struct M0306_CreateFollowUpTemplates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FollowUpTemplate.schema)
            .id()
            .field("stage", .string, .required)
            .field("respondent", .string, .required)
            .field("current_version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "stage", "respondent")
            .create()
        try await database.schema(FollowUpTemplateVersion.schema)
            .id()
            .field("template_id", .uuid, .required, .references(FollowUpTemplate.schema, "id"))
            .field("version", .int, .required)
            .field("questions", .string, .required)
            .field("created_by", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "template_id", "version")
            .create()
        let now = Date()
        for (stage, respondent) in FollowUpSchedule.forms {
            guard let content = BuiltInFollowUpTemplates.content(stage: stage, respondent: respondent) else { continue }
            let template = FollowUpTemplate()
            template.stage = stage.rawValue
            template.respondent = respondent.rawValue
            template.currentVersion = 1
            template.createdAt = now
            try await template.create(on: database)
            let version = FollowUpTemplateVersion()
            version.$template.id = try template.requireID()
            version.version = 1
            version.questions = try FollowUpTemplateVersion.encode(content)
            version.createdAt = now
            try await version.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FollowUpTemplateVersion.schema).delete()
        try await database.schema(FollowUpTemplate.schema).delete()
    }
}
