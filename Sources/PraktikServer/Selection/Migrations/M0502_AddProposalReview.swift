import Fluent

/// The case worker's review of a run's shortlists: a candidate added by hand (who, why) and a
/// candidate taken off a list (who, when, why). Removal keeps the row, so the review can be read back.
/// One column per statement: SQLite adds a single column per `ALTER TABLE`.
struct M0502_AddProposalReview: AsyncMigration {
    static let columns: [(FieldKey, DatabaseSchema.DataType)] = [
        ("added_by", .uuid), ("added_reason", .string), ("removed_at", .datetime), ("removed_by", .uuid), ("removed_reason", .string),
    ]

    func prepare(on database: any Database) async throws {
        for (name, type) in Self.columns {
            try await database.schema(MatchingProposal.schema).field(name, type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await database.schema(MatchingProposal.schema).deleteField(name).update()
        }
    }
}
