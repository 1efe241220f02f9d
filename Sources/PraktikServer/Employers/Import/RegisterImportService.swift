import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The register import as people go through it: upload (a preview, nothing stored but the file),
/// confirm (claimed once, however often it is clicked), and the import itself as a one-off job that
/// stores the rows in chunks, reports progress, and resumes after the last stored chunk if its
/// instance stops.
struct RegisterImportService: Sendable {
    let database: any Database
    let clock: AppClock

    /// Files with more rows than this are imported by the background runner while the status page
    /// refreshes; smaller ones run in the confirming request.
    static let backgroundThreshold = 1000
    /// Rows stored per transaction: each chunk is committed with the batch's counters and resume
    /// line, so progress is real and a resumed import continues after the last chunk.
    static let rowsPerTransaction = 1000

    private var importer: RegisterImporter { RegisterImporter(database: database, clock: clock) }

    // MARK: Upload and preview

    /// Keeps the upload and its counts so the person can confirm without sending the file again.
    func stage(content: String, fileName: String, allOrNothing: Bool, by userID: UUID) async throws -> ImportBatch {
        let preview = try await importer.preview(content)
        let batch = ImportBatch()
        batch.$createdBy.id = userID
        batch.fileName = String(fileName.prefix(FieldLimit.name.maximumLength))
        batch.content = content
        batch.status = ImportBatchStatus.previewed.rawValue
        batch.allOrNothing = allOrNothing
        batch.rowsTotal = preview.parsed.recordCount
        batch.rowsValid = preview.rows.count
        batch.rowsInvalid = preview.invalidLineCount
        batch.rowsProcessed = 0
        batch.employersCreated = 0
        batch.workplacesCreated = 0
        batch.placesCreated = 0
        batch.error = preview.parsed.fileProblem
        try await batch.create(on: database)
        return batch
    }

    /// The uploader's batch; anyone else is told it does not exist.
    func batch(_ id: UUID?, of userID: UUID) async throws -> ImportBatch {
        guard let id, let batch = try await ImportBatch.find(id, on: database), batch.$createdBy.id == userID else {
            throw AppError.notFound
        }
        return batch
    }

    /// The batch's preview for its page: every problem, and the places that will be drafts. Only
    /// before the import and after a refused one: a running or finished import's page does not
    /// read the file again.
    func preview(of batch: ImportBatch) async throws -> RegisterImportPreview? {
        let status = ImportBatchStatus(rawValue: batch.status) ?? .failed
        guard status == .previewed || status == .refused else { return nil }
        return try await importer.preview(batch.content)
    }

    /// The import job's progress while the batch runs.
    func job(of batch: ImportBatch) async throws -> OneOffJobSnapshot? {
        guard let id = batch.id else { return nil }
        return try await JobQueue(database: database, clock: clock).latest(RegisterImportJob.self, key: Self.jobKey(id))
    }

    // MARK: Confirm

    struct Confirmation: Sendable {
        let jobID: UUID
        /// Whether the job is left to the background runner; otherwise the caller runs it now.
        let runsInBackground: Bool
    }

    /// Claims the previewed batch with one conditional UPDATE and queues its import job in the same
    /// transaction: of two clicks (or two instances), exactly one finds it still previewed; the
    /// other is told it has already run.
    func confirm(_ batchID: UUID?, of userID: UUID, allOrNothing: Bool, by actor: AuditLog.Actor) async throws -> Confirmation {
        let batch = try await batch(batchID, of: userID)
        let id = try batch.requireID()
        let jobID: UUID? = try await database.writingTransaction { db in
            let sql = try db.sql
            let claimed = try await sql.update(ImportBatch.schema)
                .set("status", to: SQLBind(ImportBatchStatus.running.rawValue))
                .set("all_or_nothing", to: SQLBind(allOrNothing))
                .set("started_at", to: SQLBind(clock.now()))
                .where("id", .equal, SQLBind(id))
                .where("status", .equal, SQLBind(ImportBatchStatus.previewed.rawValue))
                .returning("id")
                .all()
            guard !claimed.isEmpty else { return nil }
            return try await JobQueue(database: db, clock: clock).enqueue(
                RegisterImportJob(batchID: id, actor: .init(actor)), key: Self.jobKey(id))
        }
        guard let jobID else { throw AppError.conflict(messageKey: "import.already-run") }
        return Confirmation(jobID: jobID, runsInBackground: batch.rowsTotal > Self.backgroundThreshold)
    }

    static func jobKey(_ batchID: UUID) -> String { "import:" + batchID.uuidString.lowercased() }

    // MARK: The import itself (run by `RegisterImportJob`)

    /// Imports a claimed batch from where it stopped. With "all or nothing", any invalid row means
    /// nothing is stored. `progress` is told the rows done and the rows to do after each chunk;
    /// when it throws (the job was cancelled or taken over) the import stops after a whole chunk.
    func importClaimed(_ batchID: UUID, by actor: AuditLog.Actor, progress: (Int, Int) async throws -> Void) async throws {
        guard let batch = try await ImportBatch.find(batchID, on: database) else {
            throw JobFailure.permanent("import batch \(batchID) no longer exists")
        }
        // Already finished (its job was retried after recording the result): nothing left to do.
        guard batch.status == ImportBatchStatus.running.rawValue else { return }
        let preview = try await importer.preview(batch.content)
        if preview.parsed.fileProblem != nil || (batch.allOrNothing && preview.hasProblems) || preview.rows.isEmpty {
            try await finish(batchID, as: .refused, error: nil)
            return
        }
        let resumeAfter = batch.resumeAfterLine ?? 0
        let remaining = preview.rows.filter { $0.line > resumeAfter }
        var done = preview.rows.count - remaining.count
        try await progress(done, preview.rows.count)
        for chunk in remaining.chunked(into: Self.rowsPerTransaction) {
            let part = preview.with(rows: Array(chunk))
            let lastLine = chunk.last?.line ?? resumeAfter
            try await database.writingTransaction { db in
                let sql = try db.sql
                let outcome = try await RegisterImporter.insert(part, on: db, clock: clock)
                let counted = try await sql.raw(
                    """
                    UPDATE import_batches SET employers_created = employers_created + \(bind: outcome.employersCreated),
                      workplaces_created = workplaces_created + \(bind: outcome.workplacesCreated),
                      places_created = places_created + \(bind: outcome.placesCreated),
                      rows_processed = rows_processed + \(bind: outcome.rowsProcessed), resume_after_line = \(bind: lastLine)
                    WHERE id = \(bind: batchID) AND status = \(bind: ImportBatchStatus.running.rawValue) RETURNING id
                    """
                ).all()
                // The batch was finished meanwhile (marked failed): store nothing more.
                guard !counted.isEmpty else { throw JobLeaseLost() }
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: actor, recordType: .importBatch, recordID: batchID,
                    detail:
                        "employers=\(outcome.employersCreated),workplaces=\(outcome.workplacesCreated),places=\(outcome.placesCreated),through_line=\(lastLine)"
                )
            }
            done += chunk.count
            try await progress(done, preview.rows.count)
        }
        try await finish(batchID, as: .done, error: nil)
    }

    /// Records that the import failed for good. Rows stored before the failure stay: importing the
    /// file again adds the rest, since rows already in the register are recognised and skipped.
    func markFailed(_ batchID: UUID) async throws {
        try await finish(batchID, as: .failed, error: "import.failed")
    }

    private func finish(_ batchID: UUID, as status: ImportBatchStatus, error: String?) async throws {
        let sql = try database.sql
        try await sql.update(ImportBatch.schema)
            .set("status", to: SQLBind(status.rawValue))
            .set("finished_at", to: SQLBind(clock.now()))
            .set("error", to: error.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .where("id", .equal, SQLBind(batchID))
            .where("status", .equal, SQLBind(ImportBatchStatus.running.rawValue))
            .run()
    }
}

/// Imports one confirmed register batch (`RegisterImportService.importClaimed`).
struct RegisterImportJob: OneOffJob {
    static let kind = "register_import"
    static let maximumAttempts = 3

    /// Who confirmed the import, for the audit log of every stored chunk.
    struct Actor: Codable, Sendable {
        var userID: UUID?
        var role: String
        var clientAddress: String?

        init(_ actor: AuditLog.Actor) {
            userID = actor.userID
            role = actor.role
            clientAddress = actor.clientAddress
        }

        var auditActor: AuditLog.Actor { AuditLog.Actor(userID: userID, role: role, clientAddress: clientAddress) }
    }

    let batchID: UUID
    let actor: Actor

    func run(in context: JobContext) async throws {
        try await RegisterImportService(database: context.database, clock: context.clock)
            .importClaimed(batchID, by: actor.auditActor) { done, total in try await context.reportProgress(done: done, total: total) }
    }

    func didFailForGood(reason: String, in context: JobContext) async throws {
        try await RegisterImportService(database: context.database, clock: context.clock).markFailed(batchID)
    }
}
