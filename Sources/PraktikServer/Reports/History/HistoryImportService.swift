import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The history import as an administrator goes through it: upload (a preview with every invalid
/// row; nothing stored but the file), confirm (claimed once, however often it is clicked), and the
/// import as a one-off job. All or nothing: the whole file is stored in one transaction, or nothing
/// is when any row has a problem by then.
struct HistoryImportService: Sendable {
    let database: any Database
    let clock: AppClock

    /// Files with more rows than this are imported by the background runner while the page
    /// refreshes; smaller ones within the confirming request.
    static let backgroundThreshold = 2_000
    /// Problems kept with the preview; the page says how many more there are.
    static let storedProblems = 1_000

    private var importer: HistoryImporter { HistoryImporter(database: database, clock: clock) }

    // MARK: Upload and preview

    func stage(content: String, fileName: String, by userID: UUID) async throws -> HistoryImport {
        let plan = try await importer.plan(content)
        let batch = HistoryImport()
        batch.$createdBy.id = userID
        batch.fileName = String(fileName.prefix(FieldLimit.name.maximumLength))
        batch.content = content
        batch.status = HistoryImportStatus.previewed.rawValue
        batch.rowsTotal = plan.parsed.recordCount
        batch.rowsValid = plan.newRows.count
        batch.rowsInvalid = plan.invalidLineCount
        batch.rowsAlreadyStored = plan.alreadyStored
        batch.problems = try Self.encode(plan.problems.prefix(Self.storedProblems).map(Self.problem))
        batch.problemCount = plan.problems.count
        batch.error = plan.parsed.fileProblem
        try await batch.create(on: database)
        return batch
    }

    /// The uploader's batch; anyone else is told it does not exist.
    func batch(_ id: UUID?, of userID: UUID) async throws -> HistoryImport {
        guard let id, let batch = try await HistoryImport.find(id, on: database), batch.$createdBy.id == userID else {
            throw AppError.notFound
        }
        return batch
    }

    /// The administrator's recent imports, newest first.
    func recent(of userID: UUID) async throws -> [HistoryImport] {
        try await HistoryImport.query(on: database).filter(\.$createdBy.$id == userID).sort(\.$createdAt, .descending).limit(20)
            .field(\.$id).field(\.$fileName).field(\.$status).field(\.$rowsTotal).field(\.$createdAt).all()
    }

    func problems(of batch: HistoryImport) -> [HistoryImportProblem] {
        (try? JSONDecoder().decode([HistoryImportProblem].self, from: Data(batch.problems.utf8))) ?? []
    }

    func outcome(of batch: HistoryImport) -> HistoryImporter.Outcome? {
        batch.outcome.flatMap { try? JSONDecoder().decode(HistoryImporter.Outcome.self, from: Data($0.utf8)) }
    }

    func job(of batch: HistoryImport) async throws -> OneOffJobSnapshot? {
        guard let id = batch.id else { return nil }
        return try await JobQueue(database: database, clock: clock).latest(HistoryImportJob.self, key: Self.jobKey(id))
    }

    // MARK: Confirm

    struct Confirmation: Sendable {
        let jobID: UUID
        let runsInBackground: Bool
    }

    /// Claims the previewed batch with one conditional UPDATE and queues its job in the same
    /// transaction: of two clicks, one imports and the other is told it already ran.
    func confirm(_ batchID: UUID?, of userID: UUID, by actor: AuditLog.Actor) async throws -> Confirmation {
        let batch = try await batch(batchID, of: userID)
        let id = try batch.requireID()
        guard batch.error == nil, batch.problemCount == 0, batch.rowsValid > 0 else {
            throw AppError.conflict(messageKey: "history-import.nothing-to-import")
        }
        let jobID: UUID? = try await database.writingTransaction { db in
            let claimed = try await db.sql.update(HistoryImport.schema)
                .set("status", to: SQLBind(HistoryImportStatus.running.rawValue))
                .set("started_at", to: SQLBind(clock.now()))
                .where("id", .equal, SQLBind(id))
                .where("status", .equal, SQLBind(HistoryImportStatus.previewed.rawValue))
                .returning("id")
                .all()
            guard !claimed.isEmpty else { return nil }
            return try await JobQueue(database: db, clock: clock).enqueue(
                HistoryImportJob(batchID: id, actor: .init(actor)), key: Self.jobKey(id))
        }
        guard let jobID else { throw AppError.conflict(messageKey: "import.already-run") }
        return Confirmation(jobID: jobID, runsInBackground: batch.rowsTotal > Self.backgroundThreshold)
    }

    static func jobKey(_ batchID: UUID) -> String { "history:" + batchID.uuidString.lowercased() }

    // MARK: The import (run by `HistoryImportJob`)

    /// Imports a claimed batch in one transaction. The file is checked again first: a row that has
    /// become a problem since the preview (a placement stored meanwhile that it overlaps) refuses
    /// the whole file, and the page lists why.
    /// `progress` hears the rows to store before the transaction, and the rows written during it
    /// when `reportsWhileWriting`.
    func importClaimed(
        _ batchID: UUID, by actor: AuditLog.Actor, progress: @escaping HistoryImporter.Progress, reportsWhileWriting: Bool
    ) async throws {
        guard let batch = try await HistoryImport.find(batchID, on: database) else {
            throw JobFailure.permanent("history import \(batchID) no longer exists")
        }
        guard batch.status == HistoryImportStatus.running.rawValue else { return }
        let parsed = try await importer.parse(batch.content)
        try await progress(0, parsed.rows.count)
        let clock = self.clock
        let (plan, outcome) = try await database.writingTransaction { db in
            let result = try await HistoryImporter(database: db, clock: clock).store(
                parsed, by: actor, progress: reportsWhileWriting ? progress : nil)
            // Only the instance that still holds the batch records a result with the rows.
            if let outcome = result.1 {
                let finished = try await db.sql.update(HistoryImport.schema)
                    .set("status", to: SQLBind(HistoryImportStatus.done.rawValue))
                    .set("outcome", to: SQLBind(try Self.encode(outcome)))
                    .set("finished_at", to: SQLBind(clock.now()))
                    .where("id", .equal, SQLBind(batchID))
                    .where("status", .equal, SQLBind(HistoryImportStatus.running.rawValue))
                    .returning("id").all()
                guard !finished.isEmpty else { throw JobLeaseLost() }
            }
            return result
        }
        if outcome == nil {
            let sql = try database.sql
            try await sql.update(HistoryImport.schema)
                .set("status", to: SQLBind(HistoryImportStatus.refused.rawValue))
                .set("problems", to: SQLBind(try Self.encode(plan.problems.prefix(Self.storedProblems).map(Self.problem))))
                .set("problem_count", to: SQLBind(plan.problems.count))
                .set("rows_invalid", to: SQLBind(plan.invalidLineCount))
                .set("finished_at", to: SQLBind(clock.now()))
                .where("id", .equal, SQLBind(batchID))
                .where("status", .equal, SQLBind(HistoryImportStatus.running.rawValue))
                .run()
        }
    }

    /// Records that the import failed for good; the transaction stored nothing.
    func markFailed(_ batchID: UUID) async throws {
        try await database.sql.update(HistoryImport.schema)
            .set("status", to: SQLBind(HistoryImportStatus.failed.rawValue))
            .set("error", to: SQLBind("history-import.failed"))
            .set("finished_at", to: SQLBind(clock.now()))
            .where("id", .equal, SQLBind(batchID))
            .where("status", .equal, SQLBind(HistoryImportStatus.running.rawValue))
            .run()
    }

    // MARK: Helpers

    static func problem(_ problem: HistoryRowProblem) -> HistoryImportProblem {
        HistoryImportProblem(line: problem.line, column: problem.column?.rawValue ?? "", code: problem.code, otherLine: problem.otherLine)
    }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

/// Imports one confirmed history file (`HistoryImportService.importClaimed`).
struct HistoryImportJob: OneOffJob {
    static let kind = "history_import"
    static let maximumAttempts = 3

    let batchID: UUID
    let actor: RegisterImportJob.Actor

    func run(in context: JobContext) async throws {
        // The rows are written in one transaction. PostgreSQL takes the progress through another
        // connection meanwhile; SQLite has one writer, which the transaction holds, so there the
        // page shows progress only before and after.
        let reportsWhileWriting = try context.database.sql.dialect.name == "postgresql"
        try await HistoryImportService(database: context.database, clock: context.clock).importClaimed(
            batchID, by: actor.auditActor, progress: { done, total in try await context.reportProgress(done: done, total: total) },
            reportsWhileWriting: reportsWhileWriting)
    }

    func didFailForGood(reason: String, in context: JobContext) async throws {
        try await HistoryImportService(database: context.database, clock: context.clock).markFailed(batchID)
    }
}
