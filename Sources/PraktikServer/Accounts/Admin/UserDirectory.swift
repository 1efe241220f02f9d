import Foundation
import PraktikCore
import SQLKit

/// The admin's list of user accounts: filtered, sorted and paginated in SQL.
struct UserDirectory: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable {
        var search: String = ""
        var role: Role?
        var unitID: UUID?
    }

    struct Row: Codable, Sendable {
        let id: UUID
        let email: String
        let display_name: String
        let role: String
        let unit_name: String?
        let is_active: Bool
    }

    func page(_ filter: Filter, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let count =
            try await apply(
                filter,
                to: sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")))
            )
            .first(decoding: CountRow.self)?.n ?? 0
        let rows = try await apply(
            filter,
            to: sql.select()
                .column(SQLColumn("id", table: "u")).column(SQLColumn("email", table: "u"))
                .column(SQLColumn("display_name", table: "u")).column(SQLColumn("role", table: "u"))
                .column(SQLColumn("name", table: "n"), as: "unit_name").column(SQLColumn("is_active", table: "u"))
                .from(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")))
        )
        .orderBy(SQLColumn("display_name", table: "u"))
        .limit(limit).offset(offset)
        .all(decoding: Row.self)
        return (rows, count)
    }

    /// An account as choice lists show it.
    struct Account: Decodable, Sendable {
        let id: UUID
        let email: String
        let display_name: String
        let role: String
    }

    /// Every active account, by e-mail: those an API token can be issued to.
    /// The active staff accounts (participants' portal accounts have no e-mail of their own to show
    /// and cannot hold API keys).
    func activeStaffAccounts() async throws -> [Account] {
        try await sql.select().columns("id", "email", "display_name", "role").from("users")
            .where("is_active", .equal, true).where("role", .notEqual, Role.participant.rawValue).orderBy("email")
            .all(decoding: Account.self)
    }

    /// The active case workers of a unit (of every unit for nil), by name: who can be made responsible.
    func activeCaseWorkers(inUnit unitID: UUID?) async throws -> [Account] {
        let query = sql.select().columns("id", "email", "display_name", "role").from("users")
            .where("role", .equal, Role.caseWorker.rawValue).where("is_active", .equal, true)
        if let unitID { query.where("unit_id", .equal, SQLBind(unitID)) }
        return try await query.orderBy("display_name").all(decoding: Account.self)
    }

    private struct CountRow: Decodable { let n: Int }

    private func apply(_ filter: Filter, to query: SQLSelectBuilder) -> SQLSelectBuilder {
        query.join(
            SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("n")), method: SQLJoinMethod.left,
            on: SQLColumn("unit_id", table: "u"), .equal, SQLColumn("id", table: "n"))
        let term = filter.search.trimmingCharacters(in: .whitespaces).lowercased()
        if !term.isEmpty {
            let pattern = term
            query.where { group in
                group.where(SQLContains(SQLFunction("LOWER", args: SQLColumn("email", table: "u")), pattern))
                    .orWhere(SQLContains(SQLFunction("LOWER", args: SQLColumn("display_name", table: "u")), pattern))
            }
        }
        if let role = filter.role { query.where(SQLColumn("role", table: "u"), .equal, SQLBind(role.rawValue)) }
        if let unitID = filter.unitID { query.where(SQLColumn("unit_id", table: "u"), .equal, SQLBind(unitID)) }
        return query
    }
}
