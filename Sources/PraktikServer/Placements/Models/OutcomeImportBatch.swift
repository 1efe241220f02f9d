import Fluent
import Foundation

/// A register's outcome file between preview and import, then the import's result.
final class OutcomeImportBatch: Model, @unchecked Sendable {
    static let schema = "outcome_import_batches"

    @ID(key: .id) var id: UUID?
    @Parent(key: "created_by") var createdBy: User
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: String
    /// `previewed`, `done` or `failed`.
    @Field(key: "status") var status: String
    @Field(key: "rows_total") var rowsTotal: Int
    @Field(key: "rows_invalid") var rowsInvalid: Int
    @Field(key: "rows_written") var rowsWritten: Int
    /// Valid rows not written: no consent or legal basis, no placement near the date, already known.
    @Field(key: "rows_skipped") var rowsSkipped: Int
    @OptionalField(key: "error") var error: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}
}
