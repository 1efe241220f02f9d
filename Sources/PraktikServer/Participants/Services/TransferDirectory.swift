import Foundation
import PraktikCore
import SQLKit

/// The transfer requests a user may see, in SQL: those waiting for their unit's answer (the unit
/// holds the person; an admin sees every unit's), and those their unit sent, which name the person
/// only once the record has moved to the unit.
struct TransferDirectory: Sendable {
    let sql: any SQLDatabase
    let scope: ParticipantScope
    /// How many sent requests the page shows, newest first.
    static let sentShown = 50

    struct IncomingRow: Decodable, Sendable {
        let id: UUID
        let requested_at: Date
        let participant_id: UUID
        let first_name: String?
        let last_name: String?
        let person_identifier: String?
        let holder_unit_name: String
        let asking_unit_name: String
        let asked_by: String?
    }

    /// Requests waiting for an answer from the unit that holds the person, oldest first. A request
    /// from the unit that holds the person already (an admin moved the record) waits for nobody.
    func incoming(limit: Int? = nil) async throws -> (rows: [IncomingRow], total: Int) {
        struct CountRow: Decodable { let n: Int }
        let total =
            try await waiting(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first(decoding: CountRow.self)?.n
            ?? 0
        // The joins that name `p` come after `waiting` joins it: PostgreSQL, unlike SQLite, refuses
        // a join condition that names a table joined later.
        let query = waiting(
            sql.select()
                .column(SQLColumn("id", table: "t")).column(SQLColumn("requested_at", table: "t"))
                .column(SQLColumn("id", table: "p"), as: "participant_id").column(SQLColumn("first_name", table: "p"))
                .column(SQLColumn("last_name", table: "p")).column(SQLColumn("person_identifier", table: "p"))
                .column(SQLColumn("name", table: "hu"), as: "holder_unit_name")
                .column(SQLColumn("name", table: "tu"), as: "asking_unit_name")
                .column(SQLColumn("display_name", table: "ru"), as: "asked_by")
        )
        .join(
            SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("hu")), method: SQLJoinMethod.inner,
            on: SQLColumn("unit_id", table: "p"), .equal, SQLColumn("id", table: "hu")
        )
        .join(
            SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("tu")), method: SQLJoinMethod.inner,
            on: SQLColumn("to_unit_id", table: "t"), .equal, SQLColumn("id", table: "tu")
        )
        .join(
            SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("ru")), method: SQLJoinMethod.left,
            on: SQLColumn("requested_by", table: "t"), .equal, SQLColumn("id", table: "ru")
        )
        .orderBy(SQLColumn("requested_at", table: "t")).orderBy(SQLColumn("id", table: "t"))
        let rows = try await (limit.map { query.limit($0) } ?? query).all(decoding: IncomingRow.self)
        return (rows, total)
    }

    private func waiting(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
        let joined =
            query.from(SQLAlias(SQLIdentifier("participant_transfers"), as: SQLIdentifier("t")))
            .join(
                SQLAlias(SQLIdentifier("participants"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                on: SQLColumn("participant_id", table: "t"), .equal, SQLColumn("id", table: "p")
            )
            .where(SQLColumn("status", table: "t"), .equal, SQLBind(TransferStatus.pending.rawValue))
            .where(SQLColumn("unit_id", table: "p"), .notEqual, SQLColumn("to_unit_id", table: "t"))
        return scope.restrict(joined, alias: "p")
    }

    struct SentRow: Decodable, Sendable {
        let id: UUID
        let status: String
        let requested_at: Date
        let decided_at: Date?
        let asked_by: String?
        let participant_id: UUID
        let participant_unit_id: UUID
        let first_name: String?
        let last_name: String?
        let person_identifier: String?
    }

    /// What `unitID` asked for, newest first. The person's fields are read here, but a page may show
    /// the name only for a request that moved the record to the unit (`SentRow.namesPerson(in:)`).
    func sent(by unitID: UUID) async throws -> [SentRow] {
        try await sql.raw(
            """
            SELECT t.id, t.status, t.requested_at, t.decided_at, ru.display_name AS asked_by,
              p.id AS participant_id, p.unit_id AS participant_unit_id, p.first_name, p.last_name, p.person_identifier
            FROM participant_transfers t
            JOIN participants p ON p.id = t.participant_id
            LEFT JOIN users ru ON ru.id = t.requested_by
            WHERE t.to_unit_id = \(bind: unitID)
            ORDER BY t.requested_at DESC, t.id LIMIT \(literal: Self.sentShown)
            """
        ).all(decoding: SentRow.self)
    }
}

extension TransferDirectory.SentRow {
    /// Whether the person may be named to `unitID`: only once the request moved the record there
    /// (and while it is still there).
    func namesPerson(in unitID: UUID) -> Bool {
        status == TransferStatus.accepted.rawValue && participant_unit_id == unitID
    }
}
