import Fluent
import Foundation
import PraktikCore

/// A follow-up form for one stage and respondent; its questions live in versions.
final class FollowUpTemplate: Model, @unchecked Sendable {
    static let schema = "follow_up_templates"

    @ID(key: .id) var id: UUID?
    /// `FollowUpStage` raw value.
    @Field(key: "stage") var stage: String
    /// `FollowUpRespondent` raw value.
    @Field(key: "respondent") var respondent: String
    /// The version new forms are sent with.
    @Field(key: "current_version") var currentVersion: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One version of a template's questions, stored as JSON and never changed.
final class FollowUpTemplateVersion: Model, @unchecked Sendable {
    static let schema = "follow_up_template_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "template_id") var template: FollowUpTemplate
    @Field(key: "version") var version: Int
    /// `FollowUpTemplateContent` as JSON.
    @Field(key: "questions") var questions: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func content() throws -> FollowUpTemplateContent {
        try JSONDecoder().decode(FollowUpTemplateContent.self, from: Data(questions.utf8))
    }

    static func encode(_ content: FollowUpTemplateContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }
}
