import Fluent
import PraktikCore
import Vapor

/// Importing the register from CSV: upload, preview with every invalid row, confirm, result.
enum RegisterImportController {
    struct FormPage: Encodable {
        struct UnitCode: Encodable {
            let code: String
            let name: String
        }

        let columns: [String]
        let requiredColumns: [String]
        /// The values `unit_code` takes: every active unit's code, with its name.
        let units: [UnitCode]
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
            units: try await UnitService(database: request.db).list().filter(\.is_active).map {
                FormPage.UnitCode(code: $0.code, name: $0.name)
            },
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
        let batch = try await service(request).stage(
            content: content, fileName: file.filename, allOrNothing: upload.allOrNothing == "on", by: user.id)
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
        /// Places the file marks open that may not be used: imported as drafts, with the reasons.
        let drafted: [DraftedRow]
        let draftedCount: Int
        let hasDrafted: Bool
        let fileProblemKey: String
        let hasFileProblem: Bool
        let failed: Bool
        /// Rows stored before a failure, which stay in the register.
        let keptRows: Bool
        let seconds: String
        let progress: Progress
        let action: String
        let canImport: Bool
        let isHeldBackByAllOrNothing: Bool
        let importHref = SiteURL.employerImport.path
    }

    struct Progress: Encodable {
        let done: Int
        let total: Int
        let attempt: Int
        /// The last attempt failed and the job waits to try again.
        let retrying: Bool
    }

    struct DraftedRow: Encodable {
        let line: Int
        let reasons: [PlacesController.ReasonRow]
    }

    struct ProblemRow: Encodable {
        let line: Int
        let column: String
        let messageKey: String
    }

    /// The batch's page: the preview before confirming, a refreshing progress page while the import
    /// runs, and the result after.
    @Sendable static func show(_ request: Request) async throws -> Response {
        let service = try service(request)
        let batch = try await service.batch(request.idParameter, of: try request.requireUser().id)
        let status = ImportBatchStatus(rawValue: batch.status) ?? .failed
        let preview = try await service.preview(of: batch)
        let problems = Array((preview?.problems ?? []).prefix(500))
        let total = preview?.problems.count ?? 0
        var drafted: [DraftedRow] = []
        for place in (preview?.draftedPlaces ?? []).prefix(500) {
            drafted.append(
                DraftedRow(line: place.line, reasons: try await PlacesController.reasonRows(.refused(place.reasons), on: request)))
        }
        var progress = Progress(done: 0, total: batch.rowsValid, attempt: 0, retrying: false)
        if status == .running, let job = try await service.job(of: batch) {
            progress = Progress(
                done: job.progressDone ?? batch.rowsProcessed, total: job.progressTotal ?? batch.rowsValid, attempt: job.attempts,
                retrying: job.status == .queued && job.attempts > 0)
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
            allOrNothing: batch.allOrNothing,
            problems: problems.map { ProblemRow(line: $0.line, column: $0.column ?? "", messageKey: $0.code) },
            hasProblems: !problems.isEmpty, moreProblems: max(0, total - problems.count), hasMoreProblems: total > problems.count,
            drafted: drafted, draftedCount: preview?.draftedPlaces.count ?? 0, hasDrafted: !drafted.isEmpty,
            fileProblemKey: batch.error ?? "", hasFileProblem: batch.error != nil && status != .failed,
            failed: status == .failed, keptRows: batch.rowsProcessed > 0, seconds: seconds, progress: progress,
            action: SiteURL.employerImportBatch(batch.id).path,
            canImport: batch.error == nil && batch.rowsValid > 0 && !(batch.allOrNothing && batch.rowsInvalid > 0),
            // Valid rows held back only by "all or nothing": say so, not "nothing to import".
            isHeldBackByAllOrNothing: batch.error == nil && batch.rowsValid > 0 && batch.allOrNothing && batch.rowsInvalid > 0)
        let response = try await request.render(
            "Employers/import-batch", page, layout: .init(request: request, titleKey: "import.batch.title"))
        if status == .running { response.headers.replaceOrAdd(name: "Refresh", value: "2") }
        return response
    }

    struct Confirm: Content {
        var allOrNothing: String?
    }

    /// Claims the batch and queues its import; a small file is imported before the answer.
    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Confirm.self)
        let confirmation = try await service(request).confirm(
            request.idParameter, of: try request.requireUser().id, allOrNothing: form.allOrNothing == "on", by: request.auditActor)
        if !confirmation.runsInBackground {
            try await OneOffJobRunner(app: request.application, instance: PraktikApplication.instanceName).run(jobID: confirmation.jobID)
        }
        return request.redirect(to: SiteURL.employerImportBatch(request.idParameter).path)
    }

    private static func service(_ request: Request) throws -> RegisterImportService {
        RegisterImportService(database: request.db, clock: request.application.clock)
    }
}
