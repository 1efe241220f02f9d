import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The employer contact's interns: current and past placements at their workplaces, with only what
/// a host needs (the intern's name, the period, the purpose and agreement, the hours plan), the
/// supervisor's forms to answer, and "did this placement lead to a job with you?". Everything goes
/// through `EmployerContactScope`; another workplace's intern is not found. Views are audited.
enum EmployerInternsController {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let href: String
            let name: String
            let place: String
            let period: String
            let statusKey: String
            let openForms: Int
            let needsHireAnswer: Bool
        }

        let current: [Row]
        let past: [Row]
        let hasCurrent: Bool
        let hasPast: Bool
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let scope = try request.employerContactScope()
        let workplaces = try await scope.workplaceIDs()
        var filter = PlacementDirectory.Filter()
        filter.onlyWorkplaces = workplaces
        let sort = SQLSort(requested: "-start", allowed: PlacementDirectory.sortColumns, default: "start")
        let (rows, _) = try await PlacementDirectory(sql: try request.sql).page(filter, sort: sort, limit: 300, offset: 0)
        let open = try await openSupervisorForms(placementIDs: rows.map(\.id), on: request)
        func row(_ row: PlacementDirectory.Row) -> ListPage.Row {
            let status = PlacementStatus(rawValue: row.status) ?? .cancelled
            return .init(
                href: SiteURL.employerPortalIntern(row.id).path, name: row.participantName.isEmpty ? "–" : row.participantName,
                place: row.place_title, period: row.start + " – " + row.end, statusKey: "placement-status.\(row.status)",
                openForms: open[row.id] ?? 0, needsHireAnswer: status.hasRun && row.hired_by_host == nil)
        }
        let visible = rows.filter { $0.status != PlacementStatus.cancelled.rawValue }
        let current = visible.filter { PlacementStatus(rawValue: $0.status)?.holdsSeat == true }.map(row)
        let past = visible.filter { PlacementStatus(rawValue: $0.status)?.hasRun == true }.map(row)
        try await request.auditLog().record(
            .view, by: request.auditActor, recordType: .employerInterns, recordID: nil, detail: "\(visible.count) placements")
        return try await request.render(
            "Placements/portal-interns", ListPage(current: current, past: past, hasCurrent: !current.isEmpty, hasPast: !past.isEmpty),
            layout: .init(request: request, titleKey: "portal-interns.title"))
    }

    static func openSupervisorForms(placementIDs: [UUID], on request: Request) async throws -> [UUID: Int] {
        guard !placementIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            let placement_id: UUID
            let n: Int
        }
        let rows = try await request.sql.raw(
            """
            SELECT placement_id, COUNT(*) AS n FROM follow_ups
            WHERE placement_id IN (\(binds: placementIDs)) AND respondent = \(bind: FollowUpRespondent.supervisor.rawValue)
              AND answered_at IS NULL AND cancelled_at IS NULL AND sent_at IS NOT NULL
            GROUP BY placement_id
            """
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.placement_id, $0.n) }, uniquingKeysWith: { first, _ in first })
    }

    struct InternPage: Encodable {
        struct Form: Encodable {
            let href: String
            let stageKey: String
            let due: String
            let isAnswered: Bool
        }

        let name: String
        let place: String
        let period: String
        let statusKey: String
        let purpose: String
        let goals: String
        let tasks: String
        let supervisor: String
        let hasAgreement: Bool
        let hours: [PlacementPage.HoursRow]
        let forms: [Form]
        let hasForms: Bool
        let canAnswerHire: Bool
        let hiredKey: String
        let hireAction: String
        let kinds: [Choice]
        let errorKey: String
        let hasError: Bool
        let backHref: String
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await render(
            request, placement: try await request.employerContactScope().placement(request.idParameter), errorKey: nil, status: .ok)
    }

    static func render(_ request: Request, placement: Placement, errorKey: String?, status: HTTPResponseStatus) async throws -> Response {
        guard placement.placementStatus != .cancelled else { throw AppError.notFound }
        let placementID = try placement.requireID()
        let db = request.db
        let participant = try await Participant.find(placement.$participant.id, on: db)
        try await request.auditLog().record(
            .view, by: request.auditActor, recordType: .participant, recordID: participant?.id, detail: "intern at employer")
        let context = try await PlacementContext.load(placement, on: db)
        let agreement = try await PlacementAgreement.query(on: db).filter(\.$placement.$id == placementID).first()
        let language = request.language.tag
        var purpose = context.purpose
        if let agreement { purpose = try await PlacementProgrammes(database: db).purpose(agreement.purpose, of: placement.programme ?? "") }
        let plan = try await request.placementService.hoursPlan(of: placementID)
        let forms = try await FollowUp.query(on: db).filter(\.$placement.$id == placementID)
            .filter(\.$respondent == FollowUpRespondent.supervisor.rawValue).filter(\.$cancelledAt == nil).all()
            .filter { $0.sentAt != nil || $0.answeredAt != nil }
            .sorted { $0.dueOn < $1.dueOn }
        let hired: String =
            switch placement.hiredByHost {
            case true?: "placement.hired.yes." + (placement.employmentKind ?? "unknown")
            case false?: "placement.hired.no"
            case nil: "placement.hired.unknown"
            }
        let page = InternPage(
            name: participant?.erasedAt == nil ? participant?.displayName ?? "–" : "–", place: context.place?.title ?? "",
            period: (placement.startDate?.description ?? "") + " – " + (placement.endDate?.description ?? ""),
            statusKey: "placement-status.\(placement.status)", purpose: purpose?.name(in: language) ?? "–", goals: agreement?.goals ?? "",
            tasks: agreement?.tasks ?? "", supervisor: agreement?.supervisorName ?? "", hasAgreement: agreement != nil,
            hours: plan.steps.map { .init(from: $0.from.description, hours: $0.hoursPerWeek, isCurrent: false) },
            forms: forms.map {
                .init(
                    href: SiteURL.employerPortalForm($0.id).path, stageKey: "follow-up-stage.\($0.stage)", due: $0.dueOn,
                    isAnswered: $0.answeredAt != nil)
            },
            hasForms: !forms.isEmpty, canAnswerHire: placement.placementStatus.hasRun || placement.placementStatus == .active,
            hiredKey: hired,
            hireAction: SiteURL.employerPortalInternHire(placementID).path,
            kinds: Choice.all(EmploymentKind.self, prefix: "employment-kind", selected: placement.employmentKind),
            errorKey: errorKey ?? "", hasError: errorKey != nil, backHref: SiteURL.employerPortalInterns.path)
        return try await request.render(
            "Placements/portal-intern", page, layout: .init(request: request, titleKey: "portal-interns.intern.title"), status: status)
    }

    @Sendable static func recordHire(_ request: Request) async throws -> Response {
        let placement = try await request.employerContactScope().placement(request.idParameter)
        guard placement.placementStatus != .cancelled else { throw AppError.notFound }
        let form = try request.content.decode(PlacementsController.HireForm.self)
        guard let hired = form.hired.flatMap({ $0 == "yes" ? true : $0 == "no" ? false : nil }) else {
            return try await render(request, placement: placement, errorKey: "form.required", status: .badRequest)
        }
        do {
            try await request.placementService.recordHire(
                hired, kind: EmploymentKind(rawValue: form.kind ?? ""), for: placement, by: request.auditActor)
        } catch let errors as FormErrors {
            return try await render(
                request, placement: placement, errorKey: errors.fields.values.first ?? "form.required", status: .badRequest)
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await render(request, placement: placement, errorKey: key, status: .conflict)
        }
        return request.redirectShowingSaved(to: .employerPortalIntern(placement.id))
    }

    // MARK: Forms in the portal

    static func form(_ request: Request) async throws -> (FollowUp, Placement, Participant) {
        guard let id = request.idParameter, let form = try await FollowUp.find(id, on: request.db),
            form.followUpRespondent == .supervisor, form.cancelledAt == nil
        else { throw AppError.notFound }
        let placement = try await request.employerContactScope().placement(form.$placement.id)
        guard placement.placementStatus != .cancelled,
            let participant = try await Participant.find(placement.$participant.id, on: request.db)
        else {
            throw AppError.notFound
        }
        return (form, placement, participant)
    }

    struct FormPage: Encodable {
        let form: FollowUpFormPage
        let backHref: String
    }

    @Sendable static func showForm(_ request: Request) async throws -> Response {
        let (form, placement, participant) = try await form(request)
        let answers = form.answeredAt != nil ? try await request.followUpService.answers(of: form) : [:]
        return try await renderForm(
            request, form: form, placement: placement, participant: participant, values: answers, problems: [:], status: .ok)
    }

    @Sendable static func answerForm(_ request: Request) async throws -> Response {
        let (form, placement, participant) = try await form(request)
        let service = request.followUpService
        let content = try await service.content(of: form)
        let values = FollowUpFormPage.values(from: request, for: content)
        do {
            try await service.answer(form, values: values, via: .employerPortal, onBehalf: false, by: request.auditActor)
        } catch let problems as FollowUpService.Problems {
            return try await renderForm(
                request, form: form, placement: placement, participant: participant, values: values, problems: problems.reading.problems,
                status: .badRequest)
        } catch is FollowUpService.Refusal {
            return try await LinkPagesController.notice(
                request, heading: "follow-up.thanks.title", message: "follow-up.already-answered", status: .conflict)
        }
        return request.redirectShowingSaved(to: .employerPortalIntern(placement.id))
    }

    static func renderForm(
        _ request: Request, form: FollowUp, placement: Placement, participant: Participant, values: [String: String],
        problems: [String: FollowUpAnswers.Problem], status: HTTPResponseStatus
    ) async throws -> Response {
        let version = try await FollowUpTemplateVersion.find(form.$templateVersion.id, on: request.db)
        let content = try version?.content() ?? FollowUpTemplateContent(questions: [])
        let page = FormPage(
            form: .build(
                form: form, content: content, version: version?.version ?? 0, language: request.language.tag,
                subject: participant.firstName ?? "",
                action: SiteURL.employerPortalForm(form.id).path, values: values, problems: problems, isAnswered: form.answeredAt != nil,
                translations: request.application.translations),
            backHref: SiteURL.employerPortalIntern(placement.id).path)
        return try await request.render(
            "Placements/portal-form", page, layout: .init(request: request, titleKey: "follow-up.title", titleArgument: ""), status: status)
    }
}
