import Foundation
import SQLKit
import Vapor

/// The admin's search page over the audit log. Read-only: there is no route that changes it.
enum AuditController {
    struct Row: Encodable {
        let occurredAt: Date
        let actorEmail: String?
        let actorRole: String
        let actionKey: String
        let recordType: String
        let recordID: String?
        let detail: String?
        let clientAddress: String?
    }

    struct Page: Encodable {
        let rows: [Row]
        let list: ListQuery
        let actor: String
        let action: String
        let recordType: String
        let recordID: String
        let from: String
        let until: String
        let actions: [Choice]
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
        let page = Page(
            rows: rows.map {
                Row(
                    occurredAt: $0.occurred_at, actorEmail: $0.actor_email, actorRole: $0.actor_role,
                    actionKey: "audit.action.\($0.action)", recordType: $0.record_type, recordID: $0.record_id,
                    detail: $0.detail, clientAddress: $0.client_address)
            },
            list: list, actor: text("actor"), action: text("action"), recordType: text("recordType"),
            recordID: text("recordID"), from: text("from"), until: text("until"),
            actions: Choice.all(AuditLog.Action.self, prefix: "audit.action", selected: text("action")))
        return try await request.render("Audit/search", page, layout: .init(request: request, titleKey: "audit.title"))
    }
}
