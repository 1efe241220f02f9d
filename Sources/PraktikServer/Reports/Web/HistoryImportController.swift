import Fluent
import PraktikCore
import Vapor

/// The administrator's history import: upload, preview with every invalid row, confirm, result.
enum HistoryImportController {
    struct FormPage: Encodable {
        struct Recent: Encodable {
            let fileName: String
            let statusKey: String
            let rows: Int
            let href: String
        }

        let columns: [Column]
        let genders: [String]
        let birthRegions: [String]
        let benefitTypes: [String]
        let regimes: [String]
        let purposes: [String]
        let outcomes: [String]
        let recent: [Recent]
        let hasRecent: Bool
        let errorKey: String
        let hasError: Bool
        let action = SiteURL.adminHistoryImport.path
    }

    struct Column: Encodable {
        let name: String
        let isRequired: Bool
        let meaningKey: String
    }

    @Sendable static func form(_ request: Request) async throws -> Response {
        try await renderForm(request, errorKey: nil, status: .ok)
    }

    private static func renderForm(_ request: Request, errorKey: String?, status: HTTPResponseStatus) async throws -> Response {
        struct Code: Decodable { let code: String }
        let purposes = try await request.sql.raw("SELECT DISTINCT code FROM programme_purposes ORDER BY code").all(decoding: Code.self)
        let recent = try await service(request).recent(of: try request.requireUser().id)
        let page = FormPage(
            columns: HistoryColumn.allCases.map {
                Column(
                    name: $0.rawValue, isRequired: HistoryColumn.required.contains($0), meaningKey: "history-import.column.\($0.rawValue)")
            },
            genders: Gender.allCases.map(\.rawValue), birthRegions: BirthRegion.allCases.map(\.rawValue),
            benefitTypes: BenefitType.allCases.map(\.rawValue), regimes: PlaceRegime.allCases.map(\.rawValue),
            purposes: purposes.map(\.code), outcomes: OutcomeStatus.allCases.map(\.rawValue),
            recent: recent.map {
                FormPage.Recent(
                    fileName: $0.fileName, statusKey: "history-import.status.\($0.status)", rows: $0.rowsTotal,
                    href: SiteURL.adminHistoryImportBatch($0.id).path)
            },
            hasRecent: !recent.isEmpty, errorKey: errorKey ?? "", hasError: errorKey != nil)
        return try await request.render(
            "Reports/history-import", page, layout: .init(request: request, titleKey: "history-import.title"), status: status)
    }

    struct Upload: Content {
        var file: File?
    }

    @Sendable static func upload(_ request: Request) async throws -> Response {
        let upload = try request.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await renderForm(request, errorKey: "import.file.missing", status: .badRequest)
        }
        let bytes = file.data.getBytes(at: file.data.readerIndex, length: file.data.readableBytes) ?? []
        guard let content = String(validating: bytes, as: UTF8.self) else {
            return try await renderForm(request, errorKey: "import.file.not-utf8", status: .badRequest)
        }
        let batch = try await service(request).stage(content: content, fileName: file.filename, by: try request.requireUser().id)
        return request.redirect(to: SiteURL.adminHistoryImportBatch(batch.id).path)
    }

    struct BatchPage: Encodable {
        struct Problem: Encodable {
            let line: Int
            let column: String
            let messageKey: String
            let otherLine: String?
        }

        struct Figure: Encodable {
            let labelKey: String
            let value: Int
        }

        let fileName: String
        let status: String
        let statusKey: String
        let rowsValid: Int
        let isPreview: Bool
        let isRunning: Bool
        let isDone: Bool
        let isRefused: Bool
        let isFailed: Bool
        let figures: [Figure]
        let results: [Figure]
        let problems: [Problem]
        let hasProblems: Bool
        let moreProblems: Int
        let hasMoreProblems: Bool
        let fileProblemKey: String?
        let canImport: Bool
        let progressDone: Int
        let progressTotal: Int
        let progressKnown: Bool
        let seconds: String?
        let action: String
        let importHref = SiteURL.adminHistoryImport.path
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let service = try service(request)
        let batch = try await service.batch(request.idParameter, of: try request.requireUser().id)
        let status = HistoryImportStatus(rawValue: batch.status) ?? .failed
        let problems = service.problems(of: batch)
        var progressDone = 0, progressTotal = batch.rowsValid, progressKnown = false
        if status == .running, let job = try await service.job(of: batch), let total = job.progressTotal, total > 0 {
            progressDone = job.progressDone ?? 0
            progressTotal = total
            progressKnown = progressDone > 0
        }
        let outcome = service.outcome(of: batch)
        var seconds: String?
        if let started = batch.startedAt, let finished = batch.finishedAt, status == .done {
            seconds = String(format: "%.1f", finished.timeIntervalSince(started))
        }
        let page = BatchPage(
            fileName: batch.fileName, status: batch.status, statusKey: "history-import.status.\(batch.status)",
            rowsValid: batch.rowsValid, isPreview: status == .previewed, isRunning: status == .running, isDone: status == .done,
            isRefused: status == .refused,
            isFailed: status == .failed,
            figures: [
                .init(labelKey: "history-import.rows-total", value: batch.rowsTotal),
                .init(labelKey: "history-import.rows-valid", value: batch.rowsValid),
                .init(labelKey: "history-import.rows-invalid", value: batch.rowsInvalid),
                .init(labelKey: "history-import.rows-already-stored", value: batch.rowsAlreadyStored),
            ],
            results: outcome.map { outcome in
                [
                    .init(labelKey: "history-import.placements-created", value: outcome.placementsCreated),
                    .init(labelKey: "history-import.participants-created", value: outcome.participantsCreated),
                    .init(labelKey: "history-import.employers-created", value: outcome.employersCreated),
                    .init(labelKey: "history-import.units-created", value: outcome.unitsCreated),
                    .init(labelKey: "history-import.outcomes-created", value: outcome.outcomesCreated),
                    .init(labelKey: "history-import.payments-created", value: outcome.paymentsCreated),
                ]
            } ?? [],
            problems: problems.map {
                BatchPage.Problem(line: $0.line, column: $0.column, messageKey: $0.code, otherLine: $0.otherLine.map(String.init))
            },
            hasProblems: !problems.isEmpty, moreProblems: max(0, batch.problemCount - problems.count),
            hasMoreProblems: batch.problemCount > problems.count,
            fileProblemKey: status == .failed ? nil : batch.error,
            canImport: status == .previewed && batch.error == nil && batch.problemCount == 0 && batch.rowsValid > 0,
            progressDone: progressDone, progressTotal: progressTotal, progressKnown: progressKnown, seconds: seconds,
            action: SiteURL.adminHistoryImportBatch(batch.id).path)
        let response = try await request.render(
            "Reports/history-import-batch", page, layout: .init(request: request, titleKey: "history-import.batch.title"))
        if status == .running { response.headers.replaceOrAdd(name: "Refresh", value: "2") }
        return response
    }

    /// Claims the batch and queues its import; a small file is imported before the answer.
    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let confirmation = try await service(request).confirm(request.idParameter, of: try request.requireUser().id, by: request.auditActor)
        if !confirmation.runsInBackground {
            try await OneOffJobRunner(app: request.application, instance: PraktikApplication.instanceName).run(jobID: confirmation.jobID)
        }
        return request.redirect(to: SiteURL.adminHistoryImportBatch(request.idParameter).path)
    }

    private static func service(_ request: Request) throws -> HistoryImportService {
        HistoryImportService(database: request.db, clock: request.application.clock)
    }
}
