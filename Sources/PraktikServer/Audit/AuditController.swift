import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The admin's search page over the audit log. Read-only: there is no route that changes it.
enum AuditController {
    struct Row: Encodable {
        let occurredAt: Date
        /// Name, role and unit in words; the e-mail is shown beside it for staff accounts.
        let actor: String
        let actorEmail: String?
        let actionKey: String
        let recordKindKey: String
        /// The record's page, when it has one; the link text is the kind's name, never the id.
        let recordHref: String
        let hasRecordLink: Bool
        let detail: String
        let clientAddress: String
    }

    struct Page: Encodable {
        let rows: [Row]
        let list: ListQuery
        let actor: String
        let action: String
        let recordID: String?
        let from: String
        let until: String
        let actions: [Choice]
        let recordKinds: [Choice]
    }

    @Sendable static func search(_ request: Request) async throws -> Response {
        let text = { (name: String) in request.query(name) }
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "Europe/Stockholm")
        let from = day.date(from: text("from"))
        let until = day.date(from: text("until")).map { $0.addingTimeInterval(24 * 3600) }
        let filter = AuditSearch.Filter(
            actorEmail: text("actor"), action: text("action"), recordType: text("recordType"), recordID: text("recordID"),
            from: from, until: until)
        var list = ListQuery(
            request, url: .adminAudit,
            filters: [
                "actor": text("actor"), "action": text("action"), "recordType": text("recordType"),
                "recordID": text("recordID"), "from": text("from"), "until": text("until"),
            ])
        let (rows, total) = try await AuditSearch(sql: try request.sql).page(filter, limit: list.limit, offset: list.offset)
        list.total = total
        let translate = { (key: String, arguments: [String]) in
            request.application.translations.text(for: key, in: request.language, arguments: arguments)
        }
        let details = AuditDetail(translate: translate)
        let page = Page(
            rows: rows.map { row in
                let kind = AuditRecordKind(rawValue: row.record_type)
                let link = kind.flatMap { kind in row.record_id.flatMap(UUID.init(uuidString:)).flatMap { kind.page(of: $0) } }
                return Row(
                    occurredAt: row.occurred_at,
                    actor: AuditActorName.describe(
                        name: row.actor_name, storedRole: row.actor_role, unitName: row.actor_unit, translate: translate),
                    actorEmail: Role(rawValue: row.actor_role)?.signsInWithPassword == true ? row.actor_email : nil,
                    actionKey: "audit.action.\(row.action)",
                    recordKindKey: kind?.nameKey ?? "audit.record.other", recordHref: link?.path ?? "", hasRecordLink: link != nil,
                    detail: details.describe(row.detail), clientAddress: row.client_address ?? "")
            },
            list: list, actor: text("actor"), action: text("action"), recordID: text("recordID").isEmpty ? nil : text("recordID"),
            from: text("from"),
            until: text("until"), actions: Choice.all(AuditLog.Action.self, prefix: "audit.action", selected: text("action")),
            recordKinds: Choice.all(AuditRecordKind.self, prefix: "audit.record", selected: text("recordType")))
        return try await request.render("Audit/search", page, layout: .init(request: request, titleKey: "audit.title"))
    }
}
