import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The placement's page for case workers: the decision, the status and its actions, the purpose
/// agreement, the hours plan, the follow-up forms, the outcomes and the history.
struct PlacementPage: Encodable {
    struct Fact: Encodable {
        let labelKey: String
        let value: String
        let valueKey: String
        let hasValueKey: Bool

        init(_ labelKey: String, _ value: String, key: String = "") {
            self.labelKey = labelKey
            self.value = value
            self.valueKey = key
            self.hasValueKey = !key.isEmpty
        }
    }

    struct ActionForm: Encodable {
        let action: String
        let labelKey: String
        let dateLabelKey: String
        let date: String
        let needsReason: Bool
        let reasons: [Choice]
        let isDanger: Bool
    }

    struct AgreementForm: Encodable {
        let exists: Bool
        let editable: Bool
        let version: Int
        let purposes: [Choice]
        let purposeName: String
        let goals: String
        let tasks: String
        let supervisorName: String
        let supervisorEmail: String
        let supervisorPhone: String
        let languages: [Choice]
        let participantConfirmed: Bool
        let supervisorConfirmed: Bool
        let participantConfirmedAt: Date?
        let supervisorConfirmedAt: Date?
        let action: String
    }

    /// The authority's decision of an accepted offer: programme, purpose, period and justification.
    struct DecisionForm: Encodable {
        let action: String
        let programmes: [Choice]
        let purposes: [PlacementsController.PurposeGroup]
        let start: String
        let end: String
        let justification: String
        let refusals: [PlacementsController.RefusalRow]
        let hasRefusals: Bool
    }

    struct HoursRow: Encodable {
        let from: String
        let hours: Int
        let isCurrent: Bool
    }

    struct FollowUpRow: Encodable {
        let href: String
        let stageKey: String
        let respondentKey: String
        let due: String
        let isOverdue: Bool
        let stateKey: String
        let sentAt: Date?
        let reminders: Int
        let answeredAt: Date?
        let viaKey: String
        let onBehalf: Bool
        let isOpen: Bool
        let canSend: Bool
        let sendAction: String
    }

    struct OutcomeRow: Encodable {
        let horizon: String
        let horizonKey: String
        let due: String
        let stateKey: String
        let statusKey: String
        let hasStatus: Bool
        let sourceKey: String
        let isHost: Bool
        let canAnswer: Bool
    }

    struct HistoryRow: Encodable {
        let at: Date
        let kindKey: String
        let reasonKey: String
        let hasReason: Bool
        let note: String
        let date: String
    }

    let id: String
    let participantName: String
    let participantHref: String
    let personNumber: String
    let statusKey: String
    let status: String
    let facts: [Fact]
    let actions: [ActionForm]
    let hasActions: Bool
    let actionPath: String
    let agreement: AgreementForm
    let hours: [HoursRow]
    let hoursEditable: Bool
    let hoursAction: String
    let today: String
    let followUps: [FollowUpRow]
    let outcomes: [OutcomeRow]
    let hasOutcomes: Bool
    let outcomeAction: String
    let outcomeStatuses: [Choice]
    let employmentKinds: [Choice]
    let answerableHorizons: [Choice]
    let canRecordOutcome: Bool
    let checkpointNoteKey: String
    let canRecordHire: Bool
    let hireAction: String
    let hiredKey: String
    let letterHref: String
    let history: [HistoryRow]
    let isAwaitingDecision: Bool
    let decision: DecisionForm?
    let refusalKey: String
    let hasRefusal: Bool
    let errors: [String: String]
    let hasErrors: Bool

    /// What the case worker typed into the decision form, shown again with its refusals.
    struct DecisionValues: Sendable {
        var programme: String
        var purpose: String
        var start: String
        var end: String
        var justification: String
        var refusals: [PlacementDecision.Refusal] = []
    }

    static func build(
        _ request: Request, placement: Placement, participant: Participant, refusalKey: String? = nil, errors: [String: String] = [:],
        agreementValues: PlacementService.AgreementInput? = nil, decisionValues: DecisionValues? = nil
    ) async throws -> PlacementPage {
        let db = request.db
        let placementID = try placement.requireID()
        let language = request.language.tag
        let today = try request.application.clock.today()
        let status = placement.placementStatus
        let context = try await PlacementContext.load(placement, on: db)
        let place = context.place, workplace = context.workplace, employer = context.employer, unit = context.unit
        let programmes = PlacementProgrammes(database: db)
        let programme = context.programme, purposeRow = context.purpose, decider = context.decider

        var facts: [Fact] = [
            Fact("placement.programme", programme?.name(in: language) ?? "–"),
            Fact("placement.purpose", purposeRow?.name(in: language) ?? "–"),
            Fact("placement.place", [place?.title, employer?.name].compactMap { $0 }.joined(separator: ", ")),
            Fact("placement.workplace", workplace.map { [$0.displayName, $0.fullAddress].joined(separator: ", ") } ?? "–"),
            Fact("placement.planned-period", placement.plannedStart + " – " + placement.plannedEnd),
        ]
        if placement.actualStart != nil || placement.actualEnd != nil {
            facts.append(Fact("placement.actual-period", (placement.actualStart ?? "…") + " – " + (placement.actualEnd ?? "…")))
        }
        facts.append(Fact("placement.unit", unit?.name ?? "–"))
        if let origin = placement.origin { facts.append(Fact("placement.origin", "", key: "placement-origin.\(origin)")) }
        if let benefit = placement.benefitType { facts.append(Fact("participant.benefit-type", "", key: "benefit-type.\(benefit)")) }
        if let decidedAt = placement.decidedAt {
            facts.append(
                Fact(
                    "placement.decided",
                    LocalFormatting(language: request.language).date(decidedAt) + (decider.map { " – " + $0.displayName } ?? "")))
        }
        if let justification = placement.justification { facts.append(Fact("placement.justification", justification)) }
        if let language = placement.language { facts.append(Fact("placement.language", "", key: "placement-language.\(language)")) }
        if let reason = placement.endReason {
            let prefix = status == .cancelled ? "placement-cancel-reason" : "placement-end-reason"
            facts.append(Fact("placement.end-reason", "", key: "\(prefix).\(reason)"))
        }

        let actions = status.possibleActions(isDecided: !placement.isAwaitingDecision).map { action -> ActionForm in
            let reasons: [Choice] =
                switch action {
                case .extend: Choice.all(PlacementExtensionReason.self, prefix: "placement-extension-reason", selected: nil)
                case .endEarly: Choice.all(PlacementEndReason.self, prefix: "placement-end-reason", selected: nil)
                case .cancel: Choice.all(PlacementCancelReason.self, prefix: "placement-cancel-reason", selected: nil)
                case .start, .complete: []
                }
            let date: String =
                switch action {
                case .extend: (placement.plannedEndDate?.adding(months: 1) ?? today).description
                case .start, .complete, .endEarly, .cancel: today.description
                }
            return ActionForm(
                action: action.rawValue, labelKey: "placement-action.\(action.rawValue)",
                dateLabelKey: "placement-action.\(action.rawValue).date",
                date: date, needsReason: action.needsReason, reasons: reasons, isDanger: action == .cancel || action == .endEarly)
        }

        // Agreement
        let agreement = try await PlacementAgreement.query(on: db).filter(\.$placement.$id == placementID).first()
        let purposes = try await programmes.purposes(of: placement.programme ?? "")
        let values =
            agreementValues
            ?? PlacementService.AgreementInput(
                purpose: agreement?.purpose ?? placement.purpose ?? "", goals: agreement?.goals ?? "",
                tasks: agreement?.tasks ?? place?.tasks ?? "",
                supervisorName: agreement?.supervisorName ?? "", supervisorEmail: agreement?.supervisorEmail ?? "",
                supervisorPhone: agreement?.supervisorPhone ?? "",
                supervisorLanguage: agreement?.supervisorLanguage ?? (placement.language ?? "sv"))
        let agreementForm = AgreementForm(
            exists: agreement != nil, editable: status.holdsSeat, version: agreement?.version ?? 0,
            purposes: purposes.map { Choice(value: $0.code, label: $0.name(in: language), isSelected: $0.code == values.purpose) },
            purposeName: purposes.first { $0.code == values.purpose }?.name(in: language) ?? "–",
            goals: values.goals, tasks: values.tasks, supervisorName: values.supervisorName, supervisorEmail: values.supervisorEmail,
            supervisorPhone: values.supervisorPhone,
            languages: PlacementDecisionService.languages.map {
                Choice(value: $0, labelKey: "placement-language.\($0)", isSelected: $0 == values.supervisorLanguage)
            },
            participantConfirmed: agreement?.participantConfirmedAt != nil, supervisorConfirmed: agreement?.supervisorConfirmedAt != nil,
            participantConfirmedAt: agreement?.participantConfirmedAt, supervisorConfirmedAt: agreement?.supervisorConfirmedAt,
            action: SiteURL.placementAgreement(placementID).path)

        // Hours plan
        let plan = try await request.placementService.hoursPlan(of: placementID)
        let current = plan.steps.last { $0.from <= today }?.from
        let hours = plan.steps.map { HoursRow(from: $0.from.description, hours: $0.hoursPerWeek, isCurrent: $0.from == current) }

        // Follow-ups
        let forms = try await FollowUp.query(on: db).filter(\.$placement.$id == placementID).all()
        let order = FollowUpSchedule.forms.map { "\($0.stage.rawValue)/\($0.respondent.rawValue)" }
        let followUps = forms.sorted {
            (order.firstIndex(of: "\($0.stage)/\($0.respondent)") ?? 0) < (order.firstIndex(of: "\($1.stage)/\($1.respondent)") ?? 0)
        }
        .map { form -> FollowUpRow in
            let state =
                form.answeredAt != nil ? "answered" : form.cancelledAt != nil ? "cancelled" : form.sentAt != nil ? "sent" : "waiting"
            let due = CivilDate(iso8601: form.dueOn)
            return FollowUpRow(
                href: SiteURL.followUp(form.id).path, stageKey: "follow-up-stage.\(form.stage)",
                respondentKey: "follow-up-respondent.\(form.respondent)", due: form.dueOn,
                isOverdue: form.isOpen && (due.map { $0 < today } ?? false), stateKey: "follow-up-state.\(state)", sentAt: form.sentAt,
                reminders: form.remindersSent, answeredAt: form.answeredAt, viaKey: "follow-up-via.\(form.answeredVia ?? "link")",
                onBehalf: form.onBehalf, isOpen: form.isOpen,
                canSend: form.isOpen && form.sentAt == nil && form.followUpRespondent != .caseWorker && status != .cancelled,
                sendAction: SiteURL.followUpSend(form.id).path)
        }

        // Outcomes
        let outcomeRows = try await OutcomeService(
            database: db, clock: request.application.clock, translations: request.application.translations, publicURL: ""
        )
        .outcomes(of: placementID)
        let consent = try await ConsentService(database: db, clock: request.application.clock).isActive(
            .postExitFollowUp, for: placement.$participant.id)
        let outcomes = outcomeRows.map { row -> OutcomeRow in
            let due = CivilDate(iso8601: row.dueOn)
            let answerable =
                row.outcomeState == .scheduled
                && (row.outcomeHorizon == .atExit || (consent && (due.map { $0 <= today } ?? false)))
            return OutcomeRow(
                horizon: row.horizon, horizonKey: "outcome-horizon.\(row.horizon)", due: row.dueOn, stateKey: "outcome-state.\(row.state)",
                statusKey: "outcome-status.\(row.status ?? "")", hasStatus: row.status != nil,
                sourceKey: "outcome-source.\(row.source ?? "case_worker")", isHost: row.employerIsHost == true, canAnswer: answerable)
        }
        let answerable = outcomes.filter(\.canAnswer).map { Choice(value: $0.horizon, labelKey: $0.horizonKey, isSelected: false) }
        let hired: String =
            switch placement.hiredByHost {
            case true?: "placement.hired.yes." + (placement.employmentKind ?? "unknown")
            case false?: "placement.hired.no"
            case nil: "placement.hired.unknown"
            }

        var decision: DecisionForm?
        if placement.isAwaitingDecision {
            let values =
                decisionValues
                ?? DecisionValues(
                    programme: placement.programme ?? "", purpose: placement.purpose ?? "", start: placement.plannedStart,
                    end: placement.plannedEnd, justification: "")
            let (programmeChoices, purposeGroups) = try await PlacementsController.programmeChoices(
                request, programme: values.programme, purpose: values.purpose)
            var checkNames: [String: String] = [:]
            for type in try await request.employerCheckService.types(includingInactive: true) {
                checkNames[type.key] = request.name(of: type)
            }
            decision = DecisionForm(
                action: SiteURL.placementDecision(placementID).path, programmes: programmeChoices, purposes: purposeGroups,
                start: values.start, end: values.end, justification: values.justification,
                refusals: values.refusals.map { PlacementsController.refusalRow($0, checkNames: checkNames) },
                hasRefusals: !values.refusals.isEmpty)
        }

        let events = try await PlacementEvent.query(on: db).filter(\.$placement.$id == placementID).sort(\.$occurredAt).all()
        let identifier = try? PersonIdentifier(storageValue: participant.personIdentifier)
        return PlacementPage(
            id: placementID.uuidString, participantName: participant.erasedAt == nil ? participant.displayName : "–",
            participantHref: SiteURL.participant(participant.id).path, personNumber: identifier?.masked ?? "",
            statusKey: "placement-status.\(status.rawValue)", status: status.rawValue, facts: facts, actions: actions,
            hasActions: !actions.isEmpty, actionPath: SiteURL.placementAction(placementID).path, agreement: agreementForm, hours: hours,
            hoursEditable: status.holdsSeat, hoursAction: SiteURL.placementHours(placementID).path, today: today.description,
            followUps: followUps, outcomes: outcomes, hasOutcomes: !outcomes.isEmpty,
            outcomeAction: SiteURL.placementOutcomes(placementID).path,
            outcomeStatuses: Choice.all(OutcomeStatus.self, prefix: "outcome-status", selected: nil),
            employmentKinds: Choice.all(EmploymentKind.self, prefix: "employment-kind", selected: nil),
            answerableHorizons: answerable, canRecordOutcome: !answerable.isEmpty,
            checkpointNoteKey: consent ? "placement.checkpoints.with-consent" : "placement.checkpoints.without-consent",
            canRecordHire: status.hasRun || status == .active, hireAction: SiteURL.placementHire(placementID).path, hiredKey: hired,
            letterHref: SiteURL.placementLetter(placementID).path,
            history: events.map {
                let reasonPrefix: String =
                    switch $0.kind {
                    case "extend": "placement-extension-reason."
                    case "end_early": "placement-end-reason."
                    case "cancel": "placement-cancel-reason."
                    case "outcome": "outcome-status."
                    default: ""
                    }
                return HistoryRow(
                    at: $0.occurredAt, kindKey: "placement-event.\($0.kind)", reasonKey: reasonPrefix + ($0.reason ?? ""),
                    hasReason: !reasonPrefix.isEmpty && $0.reason != nil, note: $0.note ?? "", date: $0.onDate ?? "")
            },
            isAwaitingDecision: placement.isAwaitingDecision, decision: decision,
            refusalKey: refusalKey ?? "", hasRefusal: refusalKey != nil, errors: errors, hasErrors: !errors.isEmpty)
    }

    static func render(
        _ request: Request, placement: Placement, participant: Participant, refusalKey: String? = nil, errors: [String: String] = [:],
        agreementValues: PlacementService.AgreementInput? = nil, decisionValues: DecisionValues? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await build(
            request, placement: placement, participant: participant, refusalKey: refusalKey, errors: errors,
            agreementValues: agreementValues, decisionValues: decisionValues)
        return try await request.render(
            "Placements/show", page, layout: .init(request: request, titleKey: "placement.title", titleArgument: page.participantName),
            status: status)
    }
}
