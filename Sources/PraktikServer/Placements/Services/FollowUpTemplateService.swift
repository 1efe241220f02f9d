import Fluent
import Foundation
import PraktikCore

/// The admin's follow-up templates. An edit never changes a stored version: it adds the next one,
/// which forms sent from then on use; every answer keeps the version its form was sent with.
struct FollowUpTemplateService: Sendable {
    let database: any Database
    let clock: AppClock

    /// Every text must exist in every interface language, Danish included.
    static let languages = ["sv", "en", "da"]

    struct Problems: Error, Sendable {
        let problems: [FollowUpTemplateContent.Problem]
    }

    func templates() async throws -> [FollowUpTemplate] {
        let order = FollowUpSchedule.forms.map { "\($0.stage.rawValue)/\($0.respondent.rawValue)" }
        return try await FollowUpTemplate.query(on: database).all().sorted {
            (order.firstIndex(of: "\($0.stage)/\($0.respondent)") ?? 99) < (order.firstIndex(of: "\($1.stage)/\($1.respondent)") ?? 99)
        }
    }

    func find(_ id: UUID?) async throws -> FollowUpTemplate {
        guard let id, let template = try await FollowUpTemplate.find(id, on: database) else { throw AppError.notFound }
        return template
    }

    func versions(of template: FollowUpTemplate) async throws -> [FollowUpTemplateVersion] {
        try await FollowUpTemplateVersion.query(on: database).filter(\.$template.$id == template.requireID()).sort(\.$version, .descending)
            .all()
    }

    func current(of template: FollowUpTemplate) async throws -> FollowUpTemplateVersion {
        guard
            let version = try await FollowUpTemplateVersion.query(on: database).filter(\.$template.$id == template.requireID())
                .filter(\.$version == template.currentVersion).first()
        else { throw AppError.notFound }
        return version
    }

    /// Stores `content` as the next version, unless it equals the current one. Returns the version in force.
    @discardableResult
    func save(_ content: FollowUpTemplateContent, for template: FollowUpTemplate, by actor: AuditLog.Actor) async throws -> Int {
        let problems = content.problems(languages: Self.languages)
        guard problems.isEmpty else { throw Problems(problems: problems) }
        let current = try await current(of: template)
        if try current.content() == content { return template.currentVersion }
        let templateID = try template.requireID()
        return try await database.writingTransaction { db in
            // Claim the next number on the template row first: two admins saving at once get two
            // versions in order, never one number twice.
            struct Row: Decodable { let current_version: Int }
            guard
                let claimed = try await db.sql.raw(
                    """
                    UPDATE follow_up_templates SET current_version = current_version + 1 WHERE id = \(bind: templateID)
                    RETURNING current_version
                    """
                ).first(decoding: Row.self)
            else { throw AppError.notFound }
            let version = FollowUpTemplateVersion()
            version.$template.id = templateID
            version.version = claimed.current_version
            version.questions = try FollowUpTemplateVersion.encode(content)
            version.createdBy = actor.userID
            version.createdAt = clock.now()
            try await version.create(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .followUpTemplate, recordID: templateID, detail: "version \(claimed.current_version)")
            template.currentVersion = claimed.current_version
            return claimed.current_version
        }
    }
}
