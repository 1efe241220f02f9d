import Fluent
import Foundation

/// An uploaded history file between preview and import, and then the import's progress and result.
/// The file is kept so the confirming request need not send it again and the import job can read
/// it on whichever instance claims it; the preview's problems are kept too, so the page does not
/// read a large file again on every refresh.
final class HistoryImport: Model, @unchecked Sendable {
    static let schema = "history_imports"

    @ID(key: .id) var id: UUID?
    /// Only the administrator who uploaded the file may see or confirm it.
    @Parent(key: "created_by") var createdBy: User
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: String
    /// `HistoryImportStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "rows_total") var rowsTotal: Int
    @Field(key: "rows_valid") var rowsValid: Int
    @Field(key: "rows_invalid") var rowsInvalid: Int
    /// Rows whose placement is stored already (same person, employer and first day).
    @Field(key: "rows_already_stored") var rowsAlreadyStored: Int
    /// The preview's problems as JSON (`[HistoryImportProblem]`), the first thousand.
    @Field(key: "problems") var problems: String
    @Field(key: "problem_count") var problemCount: Int
    /// The result (`HistoryImporter.Outcome` as JSON) once stored.
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

enum HistoryImportStatus: String, Codable, Sendable, CaseIterable {
    case previewed
    case running
    case done
    /// Nothing was stored: a row had a problem by the time the import ran.
    case refused
    case failed
}

/// One problem of the preview, as stored and shown.
struct HistoryImportProblem: Codable, Sendable, Equatable {
    let line: Int
    let column: String
    let code: String
    let otherLine: Int?
}
