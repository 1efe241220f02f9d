import Fluent
import PraktikCore
import Vapor

/// Importing the register from CSV: upload, preview with every invalid row, confirm, result.
enum RegisterImportController {
    struct FormPage: Encodable {
        let columns: [String]
        let requiredColumns: [String]
        let errorKey: String
        let hasError: Bool
        let action = SiteURL.employerImport.path
        let listHref = SiteURL.employers.path
    }

    @Sendable static func form(_ request: Request) async throws -> Response {
        try await renderForm(request, errorKey: nil, status: .ok)
    }

    private static func renderForm(_ request: Request, errorKey: String?, status: HTTPResponseStatus) async throws -> Response {
        let page = FormPage(
            columns: RegisterColumn.allCases.map(\.rawValue), requiredColumns: RegisterColumn.required.map(\.rawValue),
            errorKey: errorKey ?? "", hasError: errorKey != nil)
        return try await request.render("Employers/import", page, layout: .init(request: request, titleKey: "import.title"), status: status)
    }

    struct Upload: Content {
        var file: File?
        var allOrNothing: String?
    }

    @Sendable static func upload(_ request: Request) async throws -> Response {
        let upload = try request.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await renderForm(request, errorKey: "import.file.missing", status: .badRequest)
        }
        // Old Excel versions save Latin-1: refuse it rather than import "Malm?" for Malmö.
        let bytes = file.data.getBytes(at: file.data.readerIndex, length: file.data.readableBytes) ?? []
        guard let content = String(validating: bytes, as: UTF8.self) else {
            return try await renderForm(request, errorKey: "import.file.not-utf8", status: .badRequest)
        }
        let user = try request.requireUser()
        let batch = try await RegisterImporter(database: request.db, clock: request.application.clock)
            .stage(content: content, fileName: file.filename, allOrNothing: upload.allOrNothing == "on", by: user.id)
        return request.redirect(to: SiteURL.employerImportBatch(batch.id).path)
    }

    struct BatchPage: Encodable {
        let fileName: String
        let status: String
        let statusKey: String
        let isPreview: Bool
        let isRunning: Bool
        let isFinished: Bool
        let rowsTotal: Int
        let rowsValid: Int
        let rowsInvalid: Int
        let rowsProcessed: Int
        let employersCreated: Int
        let workplacesCreated: Int
        let placesCreated: Int
        let allOrNothing: Bool
        let problems: [ProblemRow]
        let hasProblems: Bool
        let moreProblems: Int
        let hasMoreProblems: Bool
        let fileProblemKey: String
        let hasFileProblem: Bool
        let seconds: String
        let action: String
        let canImport: Bool
        let importHref = SiteURL.employerImport.path
    }

    struct ProblemRow: Encodable {
        let line: Int
        let column: String
        let messageKey: String
    }

    /// The batch's page: the preview before confirming, a refreshing progress page while a large
    /// import runs, and the result after.
    @Sendable static func show(_ request: Request) async throws -> Response {
        let batch = try await findOwnBatch(request)
        let status = ImportBatchStatus(rawValue: batch.status) ?? .failed
        var problems: [ProblemRow] = []
        var total = 0
        if status == .previewed || status == .refused {
            let preview = try await RegisterImporter(database: request.db, clock: request.application.clock).preview(batch.content)
            total = preview.problems.count
            problems = preview.problems.prefix(500).map { ProblemRow(line: $0.line, column: $0.column ?? "", messageKey: $0.code) }
        }
        var seconds = ""
        if let started = batch.startedAt, let finished = batch.finishedAt {
            seconds = String(format: "%.2f", finished.timeIntervalSince(started))
        }
        let page = BatchPage(
            fileName: batch.fileName, status: batch.status, statusKey: "import.status.\(batch.status)",
            isPreview: status == .previewed, isRunning: status == .running,
            isFinished: status == .done || status == .refused || status == .failed,
            rowsTotal: batch.rowsTotal, rowsValid: batch.rowsValid, rowsInvalid: batch.rowsInvalid, rowsProcessed: batch.rowsProcessed,
            employersCreated: batch.employersCreated, workplacesCreated: batch.workplacesCreated, placesCreated: batch.placesCreated,
            allOrNothing: batch.allOrNothing, problems: problems, hasProblems: !problems.isEmpty,
            moreProblems: max(0, total - problems.count), hasMoreProblems: total > problems.count,
            fileProblemKey: batch.error ?? "", hasFileProblem: batch.error != nil, seconds: seconds,
            action: SiteURL.employerImportBatch(batch.id).path,
            canImport: batch.error == nil && batch.rowsValid > 0 && !(batch.allOrNothing && batch.rowsInvalid > 0))
        let response = try await request.render(
            "Employers/import-batch", page, layout: .init(request: request, titleKey: "import.batch.title"))
        if status == .running { response.headers.replaceOrAdd(name: "Refresh", value: "2") }
        return response
    }

    struct Confirm: Content {
        var allOrNothing: String?
    }

    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let batch = try await findOwnBatch(request)
        guard batch.status == ImportBatchStatus.previewed.rawValue else { throw AppError.conflict(messageKey: "import.already-run") }
        let form = try request.content.decode(Confirm.self)
        batch.allOrNothing = form.allOrNothing == "on"
        let importer = RegisterImporter(database: request.db, clock: request.application.clock)
        let actor = request.auditActor
        if batch.rowsTotal > RegisterImporter.backgroundThreshold {
            // A large file runs on after this response; the status page refreshes until it is done.
            batch.status = ImportBatchStatus.running.rawValue
            batch.startedAt = request.now
            try await batch.save(on: request.db)
            let background = RegisterImporter(database: request.application.db, clock: request.application.clock)
            let logger = request.logger
            Task {
                do {
                    try await background.run(batch, by: actor)
                } catch {
                    logger.error("register import failed: \(String(reflecting: error))")
                }
            }
        } else {
            try await importer.run(batch, by: actor)
        }
        return request.redirect(to: SiteURL.employerImportBatch(batch.id).path)
    }

    /// Only the uploader sees their batch; anyone else is told it does not exist.
    private static func findOwnBatch(_ request: Request) async throws -> ImportBatch {
        let user = try request.requireUser()
        guard let id = request.idParameter, let batch = try await ImportBatch.find(id, on: request.db), batch.$createdBy.id == user.id
        else {
            throw AppError.notFound
        }
        return batch
    }
}
