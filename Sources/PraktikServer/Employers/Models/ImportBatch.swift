import Fluent
import Foundation

/// An uploaded register file between preview and import, and then the import's progress and result.
/// The file is kept here so the confirming request need not send it again, and so the import job
/// (`RegisterImportJob`) can read it, on whichever instance claims it.
final class ImportBatch: Model, @unchecked Sendable {
    static let schema = "import_batches"

    @ID(key: .id) var id: UUID?
    /// Only the person who uploaded the file may see or confirm it.
    @Parent(key: "created_by") var createdBy: User
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: String
    /// `ImportBatchStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "all_or_nothing") var allOrNothing: Bool
    @Field(key: "rows_total") var rowsTotal: Int
    @Field(key: "rows_valid") var rowsValid: Int
    @Field(key: "rows_invalid") var rowsInvalid: Int
    @Field(key: "rows_processed") var rowsProcessed: Int
    @Field(key: "employers_created") var employersCreated: Int
    @Field(key: "workplaces_created") var workplacesCreated: Int
    @Field(key: "places_created") var placesCreated: Int
    @OptionalField(key: "error") var error: String?
    /// The line of the last row stored; a resumed import continues after it.
    @OptionalField(key: "resume_after_line") var resumeAfterLine: Int?
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

enum ImportBatchStatus: String, Codable, Sendable, CaseIterable {
    case previewed
    case running
    case done
    /// Nothing was stored: "all or nothing" with invalid rows, or an error.
    case refused
    case failed
}
