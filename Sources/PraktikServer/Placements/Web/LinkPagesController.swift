import Fluent
import Foundation
import PraktikCore
import Vapor

/// The pages people reach by a mailed link, without an account: a follow-up form, the purpose
/// agreement to confirm, and an outcome checkpoint. A link that is unknown, expired, or whose
/// subject was cancelled (the placement called off, the consent withdrawn) shows a friendly page
/// and writes nothing; a second answer is refused politely.
enum LinkPagesController {
    /// Who acted through a link, for the audit log: no account, only the link's kind and the address.
    static func actor(_ request: Request, kind: PlacementLink.Kind) -> AuditLog.Actor {
        AuditLog.Actor(userID: nil, role: "link:\(kind.rawValue)", clientAddress: request.clientAddress)
    }

    /// The page speaks the language the person chose on the page, else the one the mail was written in.
    static func useLanguage(_ tag: String, on request: Request) {
        if request.cookies[LanguageMiddleware.cookieName] == nil { request.language = PlacementMail.language(tag) }
    }

    struct NoticePage: Encodable {
        let headingKey: String
        let messageKey: String
    }

    static func notice(_ request: Request, heading: String, message: String, status: HTTPResponseStatus) async throws -> Response {
        try await request.render(
            "Placements/link-notice", NoticePage(headingKey: heading, messageKey: message),
            layout: .init(request: request, titleKey: heading),
            status: status)
    }

    static func invalid(_ request: Request) async throws -> Response {
        try await notice(request, heading: "link.invalid.title", message: "link.invalid.message", status: .gone)
    }

    // MARK: Follow-up form

    struct FormPage: Encodable {
        let form: FollowUpFormPage
    }

    private static func followUp(_ request: Request) async throws -> (PlacementLink, FollowUp, Placement, Participant)? {
        let links = PlacementLinks(database: request.db, clock: request.application.clock)
        guard let link = try await links.resolve(request.tokenParameter, kinds: [.followUp]),
            let form = try await FollowUp.find(link.subjectID, on: request.db),
            let placement = try await Placement.find(form.$placement.id, on: request.db),
            let participant = try await Participant.find(placement.$participant.id, on: request.db)
        else { return nil }
        return (link, form, placement, participant)
    }

    @Sendable static func showForm(_ request: Request) async throws -> Response {
        guard let (_, form, placement, participant) = try await followUp(request) else { return try await invalid(request) }
        useLanguage(form.language, on: request)
        if form.answeredAt != nil {
            return try await notice(request, heading: "follow-up.thanks.title", message: "follow-up.already-answered", status: .ok)
        }
        if form.cancelledAt != nil || placement.placementStatus == .cancelled { return try await invalid(request) }
        return try await renderForm(request, form: form, participant: participant, values: [:], problems: [:], status: .ok)
    }

    @Sendable static func answerForm(_ request: Request) async throws -> Response {
        guard let (_, form, placement, participant) = try await followUp(request) else { return try await invalid(request) }
        useLanguage(form.language, on: request)
        if form.cancelledAt != nil || placement.placementStatus == .cancelled { return try await invalid(request) }
        let service = request.followUpService
        let content = try await service.content(of: form)
        let values = FollowUpFormPage.values(from: request, for: content)
        do {
            try await service.answer(form, values: values, via: .link, onBehalf: false, by: actor(request, kind: .followUp))
        } catch let problems as FollowUpService.Problems {
            return try await renderForm(
                request, form: form, participant: participant, values: values, problems: problems.reading.problems, status: .badRequest)
        } catch FollowUpService.Refusal.alreadyAnswered {
            return try await notice(request, heading: "follow-up.thanks.title", message: "follow-up.already-answered", status: .conflict)
        } catch FollowUpService.Refusal.closed {
            return try await invalid(request)
        }
        return try await notice(request, heading: "follow-up.thanks.title", message: "follow-up.thanks.message", status: .ok)
    }

    private static func renderForm(
        _ request: Request, form: FollowUp, participant: Participant, values: [String: String], problems: [String: FollowUpAnswers.Problem],
        status: HTTPResponseStatus
    ) async throws -> Response {
        let version = try await FollowUpTemplateVersion.find(form.$templateVersion.id, on: request.db)
        let content = try version?.content() ?? FollowUpTemplateContent(questions: [])
        // The participant sees their own first name; the supervisor whose intern it is about.
        let page = FormPage(
            form: .build(
                form: form, content: content, version: version?.version ?? 0, language: request.language.tag,
                subject: participant.firstName ?? "", action: SiteURL.followUpForm(request.tokenParameter).path, values: values,
                problems: problems, translations: request.application.translations))
        return try await request.render(
            "Placements/link-form", page, layout: .init(request: request, titleKey: "follow-up.title", titleArgument: ""), status: status)
    }

    // MARK: Agreement

    struct AgreementPage: Encodable {
        let name: String
        let employer: String
        let period: String
        let purpose: String
        let purposeDescription: String
        let goals: String
        let tasks: String
        let supervisor: String
        let isConfirmed: Bool
        let action: String
    }

    private static func agreement(_ request: Request) async throws -> (PlacementLink, PlacementAgreement, Placement, Participant)? {
        guard
            let link = try await PlacementLinks(database: request.db, clock: request.application.clock)
                .resolve(request.tokenParameter, kinds: [.agreementParticipant, .agreementSupervisor]),
            let agreement = try await PlacementAgreement.find(link.subjectID, on: request.db),
            let placement = try await Placement.find(agreement.$placement.id, on: request.db), placement.placementStatus.holdsSeat,
            let participant = try await Participant.find(placement.$participant.id, on: request.db)
        else { return nil }
        return (link, agreement, placement, participant)
    }

    @Sendable static func showAgreement(_ request: Request) async throws -> Response {
        guard let (link, agreement, placement, participant) = try await agreement(request) else { return try await invalid(request) }
        let forParticipant = link.kind == PlacementLink.Kind.agreementParticipant.rawValue
        useLanguage(forParticipant ? placement.participantLanguage(participant) : agreement.supervisorLanguage, on: request)
        let tag = request.language.tag
        let purpose = try await PlacementProgrammes(database: request.db).purpose(agreement.purpose, of: placement.programme ?? "")
        let employer = try await PlacementContext.load(placement, on: request.db).employer
        let page = AgreementPage(
            name: participant.firstName ?? "", employer: employer?.name ?? "",
            period: placement.plannedStart + " – " + placement.plannedEnd,
            purpose: purpose?.name(in: tag) ?? "", purposeDescription: purpose?.description(in: tag) ?? "", goals: agreement.goals,
            tasks: agreement.tasks, supervisor: agreement.supervisorName,
            isConfirmed: (forParticipant ? agreement.participantConfirmedAt : agreement.supervisorConfirmedAt) != nil,
            action: SiteURL.agreementLink(request.tokenParameter).path)
        return try await request.render("Placements/link-agreement", page, layout: .init(request: request, titleKey: "agreement.title"))
    }

    @Sendable static func confirmAgreement(_ request: Request) async throws -> Response {
        guard let (link, agreement, placement, participant) = try await agreement(request) else { return try await invalid(request) }
        let forParticipant = link.kind == PlacementLink.Kind.agreementParticipant.rawValue
        useLanguage(forParticipant ? placement.participantLanguage(participant) : agreement.supervisorLanguage, on: request)
        try await request.placementService.confirmAgreement(link)
        return try await notice(request, heading: "agreement.confirmed.title", message: "agreement.confirmed.message", status: .ok)
    }

    // MARK: Outcome checkpoint

    struct CheckpointPage: Encodable {
        let name: String
        let horizonKey: String
        let statuses: [Choice]
        let action: String
        let errorKey: String
        let hasError: Bool
        let employer: String
    }

    /// What a participant can say they are doing, in plain words; the case worker's codes for
    /// being referred back or still enrolled are not the person's to choose.
    static let participantStatuses: [OutcomeStatus] = [.work, .subsidisedWork, .studies, .jobSeeking, .otherProgramme]

    private static func checkpoint(_ request: Request) async throws -> (PlacementOutcome, Placement, Participant)? {
        guard
            let link = try await PlacementLinks(database: request.db, clock: request.application.clock)
                .resolve(request.tokenParameter, kinds: [.checkpoint]),
            let row = try await PlacementOutcome.find(link.subjectID, on: request.db), row.outcomeState != .cancelled,
            let placement = try await Placement.find(row.$placement.id, on: request.db),
            let participant = try await Participant.find(row.participantID, on: request.db), participant.erasedAt == nil,
            try await ConsentService(database: request.db, clock: request.application.clock).isActive(
                .postExitFollowUp, for: row.participantID)
        else { return nil }
        return (row, placement, participant)
    }

    @Sendable static func showCheckpoint(_ request: Request) async throws -> Response {
        guard let (row, placement, participant) = try await checkpoint(request) else { return try await invalid(request) }
        useLanguage(placement.participantLanguage(participant), on: request)
        if row.outcomeState == .answered {
            return try await notice(request, heading: "follow-up.thanks.title", message: "follow-up.already-answered", status: .ok)
        }
        return try await renderCheckpoint(request, row: row, placement: placement, participant: participant, error: nil, status: .ok)
    }

    struct CheckpointForm: Content {
        var status: String?
        var atHost: String?
    }

    @Sendable static func answerCheckpoint(_ request: Request) async throws -> Response {
        guard let (row, placement, participant) = try await checkpoint(request) else { return try await invalid(request) }
        useLanguage(placement.participantLanguage(participant), on: request)
        let form = try request.content.decode(CheckpointForm.self)
        guard let status = OutcomeStatus(rawValue: form.status ?? ""), participantStatuses.contains(status) else {
            return try await renderCheckpoint(
                request, row: row, placement: placement, participant: participant, error: "form.required", status: .badRequest)
        }
        let working = status == .work || status == .subsidisedWork
        do {
            try await request.outcomeService.recordCheckpoint(
                .init(
                    status: status, employerIsHost: working ? form.atHost == "yes" : nil, employmentKind: nil, source: .participant,
                    sourceName: nil),
                for: row, by: actor(request, kind: .checkpoint))
        } catch OutcomeService.Refusal.checkpoint(.alreadyAnswered) {
            return try await notice(request, heading: "follow-up.thanks.title", message: "follow-up.already-answered", status: .conflict)
        } catch is OutcomeService.Refusal {
            return try await invalid(request)
        }
        return try await notice(request, heading: "follow-up.thanks.title", message: "checkpoint.thanks", status: .ok)
    }

    private static func renderCheckpoint(
        _ request: Request, row: PlacementOutcome, placement: Placement, participant: Participant, error: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let employer = try await PlacementContext.load(placement, on: request.db).employer
        let page = CheckpointPage(
            name: participant.firstName ?? "", horizonKey: "outcome-horizon.\(row.horizon)",
            statuses: participantStatuses.map {
                Choice(value: $0.rawValue, labelKey: "checkpoint.status.\($0.rawValue)", isSelected: false)
            },
            action: SiteURL.checkpointLink(request.tokenParameter).path, errorKey: error ?? "", hasError: error != nil,
            employer: employer?.name ?? "")
        return try await request.render(
            "Placements/link-checkpoint", page, layout: .init(request: request, titleKey: "checkpoint.title"), status: status)
    }
}
