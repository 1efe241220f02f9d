import Fluent
import Foundation
import PraktikCore
import Vapor

/// A case worker's view of one follow-up form: its answers, answering it on the respondent's
/// behalf (recorded as such) or as the case worker's own form, and sending it now.
enum FollowUpsController {
    static func find(_ request: Request) async throws -> (FollowUp, Placement, Participant) {
        guard let id = request.idParameter, let form = try await FollowUp.find(id, on: request.db) else { throw AppError.notFound }
        let (placement, participant) = try await PlacementScope(user: try request.requireUser()).find(form.$placement.id, on: request.db)
        return (form, placement, participant)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let (form, placement, participant) = try await find(request)
        try await request.auditLog().record(
            .view, by: request.auditActor, recordType: .participant, recordID: participant.id,
            detail: "follow-up \(form.stage)/\(form.respondent)")
        let answers = form.answeredAt != nil ? try await request.followUpService.answers(of: form) : [:]
        return try await render(
            request, form: form, placement: placement, participant: participant, values: answers, problems: [:], status: .ok)
    }

    @Sendable static func answer(_ request: Request) async throws -> Response {
        let (form, placement, participant) = try await find(request)
        let service = request.followUpService
        let content = try await service.content(of: form)
        let values = FollowUpFormPage.values(from: request, for: content)
        do {
            // The case worker's own form is theirs; any other is answered on the respondent's behalf.
            try await service.answer(
                form, values: values, via: .caseWorker, onBehalf: form.followUpRespondent != .caseWorker, by: request.auditActor)
        } catch let problems as FollowUpService.Problems {
            return try await render(
                request, form: form, placement: placement, participant: participant, values: values, problems: problems.reading.problems,
                status: .badRequest)
        } catch let refusal as FollowUpService.Refusal {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: refusal.rawValue, status: .conflict)
        }
        return request.redirectShowingSaved(to: .placement(placement.id), fragment: "follow-ups")
    }

    @Sendable static func send(_ request: Request) async throws -> Response {
        let (form, placement, participant) = try await find(request)
        guard try await request.followUpService.send(form) else {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: "follow-up.cannot-send", status: .conflict)
        }
        try await request.auditLog().record(
            .update, by: request.auditActor, recordType: .placement, recordID: placement.id,
            detail: "follow-up \(form.stage)/\(form.respondent) sent")
        await request.deliverMail()
        return request.redirectShowingSaved(to: .placement(placement.id), fragment: "follow-ups")
    }

    struct Page: Encodable {
        let form: FollowUpFormPage
        let placementHref: String
        let participantName: String
        let onBehalf: Bool
        let answeredVia: String
        let answeredAt: Date?
    }

    static func render(
        _ request: Request, form: FollowUp, placement: Placement, participant: Participant, values: [String: String],
        problems: [String: FollowUpAnswers.Problem], status: HTTPResponseStatus
    ) async throws -> Response {
        let version = try await FollowUpTemplateVersion.find(form.$templateVersion.id, on: request.db)
        let content = try version?.content() ?? FollowUpTemplateContent(questions: [])
        let language = request.language.tag
        let page = Page(
            form: .build(
                form: form, content: content, version: version?.version ?? 0, language: language, subject: participant.displayName,
                action: SiteURL.followUp(form.id).path, values: values, problems: problems, isAnswered: form.answeredAt != nil,
                isClosed: form.cancelledAt != nil, showsOnBehalf: form.followUpRespondent != .caseWorker,
                translations: request.application.translations),
            placementHref: SiteURL.placement(placement.id).path, participantName: participant.displayName, onBehalf: form.onBehalf,
            answeredVia: "follow-up-via.\(form.answeredVia ?? "link")", answeredAt: form.answeredAt)
        return try await request.render(
            "Placements/follow-up", page,
            layout: .init(request: request, titleKey: "follow-up.title", titleArgument: participant.displayName),
            status: status)
    }
}
