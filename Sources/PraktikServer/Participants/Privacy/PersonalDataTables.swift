import Foundation
import SQLKit

/// Finds every table that holds rows about a participant, by asking the database itself for
/// tables with a `participant_id` column. A capability that adds such a table is covered by
/// export and erasure without being listed anywhere. Views, and tables that only copy other
/// tables' rows for the reports (`derived`), are not the person's data a second time.
enum PersonalDataTables {
    static let derived: Set<String> = [ReportFacts.table, ReportFacts.pending]

    static func linkedToParticipants(_ sql: any SQLDatabase) async throws -> [String] {
        try await tablesWithParticipantColumn(sql).filter { !derived.contains($0) }
    }

    private static func tablesWithParticipantColumn(_ sql: any SQLDatabase) async throws -> [String] {
        struct Name: Decodable { let name: String }
        switch sql.dialect.name {
        case "sqlite":
            let tables = try await sql.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_fluent%' ESCAPE '\\' ORDER BY name"
            )
            .all(decoding: Name.self)
            var linked: [String] = []
            for table in tables {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table.name))").all(decoding: Name.self)
                if columns.contains(where: { $0.name == "participant_id" }) { linked.append(table.name) }
            }
            return linked
        default:
            return try await sql.raw(
                """
                SELECT c.table_name AS name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.column_name = 'participant_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                ORDER BY c.table_name
                """
            ).all(decoding: Name.self).map(\.name)
        }
    }

    /// Columns whose values are secrets of the system, not data about the person: never exported.
    static let secretColumns: Set<String> = ["password_hash", "token_digest"]
}

extension SQLRow {
    /// The row as strings, whatever the column types, for exports. Secret columns are left out.
    func exportedValues() -> [String: String] {
        var values: [String: String] = [:]
        for column in allColumns where !PersonalDataTables.secretColumns.contains(column) {
            if (try? decodeNil(column: column)) == true {
                continue
            } else if let text = try? decode(column: column, as: String.self) {
                values[column] = text
            } else if let date = try? decode(column: column, as: Date.self) {
                values[column] = ISO8601DateFormatter().string(from: date)
            } else if let uuid = try? decode(column: column, as: UUID.self) {
                values[column] = uuid.uuidString
            } else if let flag = try? decode(column: column, as: Bool.self) {
                values[column] = flag ? "true" : "false"
            } else if let number = try? decode(column: column, as: Int.self) {
                values[column] = String(number)
            } else if let number = try? decode(column: column, as: Double.self) {
                values[column] = String(number)
            }
        }
        return values
    }
}
