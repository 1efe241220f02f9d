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
        let pagination: Pagination
        let actor: String
        let action: String
        let recordType: String
        let recordID: String
        let from: String
        let until: String
        let actions: [Choice]
        let query: String
    }

    @Sendable static func search(_ request: Request) async throws -> Response {
        guard let sql = request.db as? any SQLDatabase else { throw AppError.unavailable }
        let text = { (name: String) in ((try? request.query.get(String.self, at: name)) ?? "") }
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "Europe/Stockholm")
        let from = day.date(from: text("from"))
        let until = day.date(from: text("until")).map { $0.addingTimeInterval(24 * 3600) }
        let filter = AuditSearch.Filter(
            actorEmail: text("actor"), action: text("action"), recordType: text("recordType"), recordID: text("recordID"),
            from: from, until: until)
        var pagination = Pagination(request: request)
        let (rows, total) = try await AuditSearch(sql: sql).page(filter, limit: pagination.perPage, offset: pagination.offset)
        pagination.total = total
        let page = Page(
            rows: rows.map {
                Row(occurredAt: $0.occurred_at, actorEmail: $0.actor_email, actorRole: $0.actor_role,
                    actionKey: "audit.action.\($0.action)", recordType: $0.record_type, recordID: $0.record_id,
                    detail: $0.detail, clientAddress: $0.client_address)
            },
            pagination: pagination, actor: text("actor"), action: text("action"), recordType: text("recordType"),
            recordID: text("recordID"), from: text("from"), until: text("until"), actions: Choice.all(AuditLog.Action.self, prefix: "audit.action", selected: text("action")),
            query: QueryString.encode([
                "actor": text("actor"), "action": text("action"), "recordType": text("recordType"),
                "recordID": text("recordID"), "from": text("from"), "until": text("until"),
            ]))
        return try await request.render("Audit/search", page, layout: .init(request: request, titleKey: "audit.title"))
    }
}
