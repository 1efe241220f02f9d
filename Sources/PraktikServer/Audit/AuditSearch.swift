import Foundation
import SQLKit

/// Searching the audit log, in SQL, newest first.
struct AuditSearch: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable {
        var actorEmail: String = ""
        var action: String = ""
        var recordType: String = ""
        var recordID: String = ""
        var from: Date?
        var until: Date?
    }

    struct Row: Codable, Sendable {
        let occurred_at: Date
        let actor_email: String?
        let actor_name: String?
        let actor_unit: String?
        let actor_role: String
        let action: String
        let record_type: String
        let record_id: String?
        let detail: String?
        let client_address: String?
    }

    func page(_ filter: Filter, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        struct CountRow: Decodable { let n: Int }
        let total =
            try await apply(filter, to: sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
            .first(decoding: CountRow.self)?.n ?? 0
        let rows = try await apply(
            filter,
            to: sql.select()
                .column(SQLColumn("occurred_at", table: "a")).column(SQLColumn("email", table: "u"), as: "actor_email")
                .column(SQLColumn("display_name", table: "u"), as: "actor_name").column(SQLColumn("name", table: "un"), as: "actor_unit")
                .column(SQLColumn("actor_role", table: "a")).column(SQLColumn("action", table: "a"))
                .column(SQLColumn("record_type", table: "a")).column(SQLColumn("record_id", table: "a"))
                .column(SQLColumn("detail", table: "a")).column(SQLColumn("client_address", table: "a"))
        )
        .join(
            SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("un")), method: SQLJoinMethod.left,
            on: SQLColumn("unit_id", table: "u"), .equal, SQLColumn("id", table: "un")
        )
        .orderBy(SQLColumn("occurred_at", table: "a"), SQLDirection.descending)
        .limit(limit).offset(offset)
        .all(decoding: Row.self)
        return (rows, total)
    }

    private func apply(_ filter: Filter, to query: SQLSelectBuilder) -> SQLSelectBuilder {
        query.from(SQLAlias(SQLIdentifier("audit_events"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                on: SQLColumn("actor_user_id", table: "a"), .equal, SQLColumn("id", table: "u"))
        let email = filter.actorEmail.trimmingCharacters(in: .whitespaces).lowercased()
        if !email.isEmpty { query.where(SQLContains(SQLColumn("email", table: "u"), email)) }
        if !filter.action.isEmpty { query.where(SQLColumn("action", table: "a"), .equal, SQLBind(filter.action)) }
        if !filter.recordType.isEmpty { query.where(SQLColumn("record_type", table: "a"), .equal, SQLBind(filter.recordType)) }
        let recordID = filter.recordID.trimmingCharacters(in: .whitespaces)
        if !recordID.isEmpty { query.where(SQLColumn("record_id", table: "a"), .equal, SQLBind(recordID.uppercased())) }
        if let from = filter.from { query.where(SQLColumn("occurred_at", table: "a"), .greaterThanOrEqual, SQLBind(from)) }
        if let until = filter.until { query.where(SQLColumn("occurred_at", table: "a"), .lessThan, SQLBind(until)) }
        return query
    }
}
