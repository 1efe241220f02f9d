import Fluent
import Foundation
import PraktikCore
import Vapor

/// The admin imports outcomes from a register: upload, a preview of every invalid row and of the
/// rows that will be skipped (no consent or legal basis, no placement near the date, already
/// known), then the import.
enum OutcomeImportController {
    struct FormPage: Encodable {
        let columns: [String]
        let statusCodes: [String]
        let errorKey: String
        let hasError: Bool
    }

    @Sendable static func form(_ request: Request) async throws -> Response {
        try await renderForm(request, errorKey: nil, status: .ok)
    }

    static func renderForm(_ request: Request, errorKey: String?, status: HTTPResponseStatus) async throws -> Response {
        let page = FormPage(
            columns: RegisterOutcomeFile.Column.allCases.map(\.rawValue), statusCodes: OutcomeStatus.allCases.map(\.rawValue),
            errorKey: errorKey ?? "", hasError: errorKey != nil)
        return try await request.render(
            "Placements/outcome-import", page, layout: .init(request: request, titleKey: "outcome-import.title"), status: status)
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
        let batch = try await OutcomeImportService(database: request.db, clock: request.application.clock)
            .stage(content: content, fileName: file.filename, by: try request.requireUser().id)
        return request.redirect(to: SiteURL.outcomeImportBatch(batch.id).path)
    }

    struct BatchPage: Encodable {
        struct Problem: Encodable {
            let line: Int
            let column: String
            let messageKey: String
        }

        struct SkipCount: Encodable {
            let messageKey: String
            let count: Int
        }

        let fileName: String
        let isPreview: Bool
        let isDone: Bool
        let rowsTotal: Int
        let rowsInvalid: Int
        let rowsToWrite: Int
        let rowsWritten: Int
        let skips: [SkipCount]
        let problems: [Problem]
        let hasProblems: Bool
        let fileProblemKey: String
        let hasFileProblem: Bool
        let canImport: Bool
        let action: String
        let newHref: String
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let batch = try await findOwn(request)
        let service = OutcomeImportService(database: request.db, clock: request.application.clock)
        let isPreview = batch.status == "previewed"
        let plan = isPreview ? try await service.plan(batch.content) : nil
        let page = BatchPage(
            fileName: batch.fileName, isPreview: isPreview, isDone: batch.status == "done", rowsTotal: batch.rowsTotal,
            rowsInvalid: plan?.parsed.invalidLineCount ?? batch.rowsInvalid, rowsToWrite: plan?.writes.count ?? 0,
            rowsWritten: batch.rowsWritten,
            skips: OutcomeImportService.Skip.allCases.map { skip in
                .init(messageKey: skip.rawValue, count: plan?.count(skip) ?? 0)
            }.filter { $0.count > 0 },
            problems: (plan?.parsed.problems ?? []).prefix(500).map { .init(line: $0.line, column: $0.column ?? "", messageKey: $0.code) },
            hasProblems: !(plan?.parsed.problems.isEmpty ?? true), fileProblemKey: batch.error ?? "", hasFileProblem: batch.error != nil,
            canImport: isPreview && batch.error == nil && (plan?.writes.isEmpty == false),
            action: SiteURL.outcomeImportBatch(batch.id).path,
            newHref: SiteURL.outcomeImport.path)
        return try await request.render(
            "Placements/outcome-import-batch", page, layout: .init(request: request, titleKey: "outcome-import.title"))
    }

    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let batch = try await findOwn(request)
        _ = try await OutcomeImportService(database: request.db, clock: request.application.clock).run(
            try batch.requireID(), by: request.auditActor)
        return request.redirect(to: SiteURL.outcomeImportBatch(batch.id).path)
    }

    /// Only the uploader sees their batch.
    static func findOwn(_ request: Request) async throws -> OutcomeImportBatch {
        let user = try request.requireUser()
        guard let id = request.idParameter, let batch = try await OutcomeImportBatch.find(id, on: request.db),
            batch.$createdBy.id == user.id
        else {
            throw AppError.notFound
        }
        return batch
    }
}
