import Fluent
import Foundation
import PraktikCore
import Vapor

extension PlacementsController {
    /// The placement and its participant within the user's scope; every view is audited on the
    /// participant's record, so the person's own access log shows it.
    static func find(_ request: Request, audit: Bool = false) async throws -> (Placement, Participant) {
        let (placement, participant) = try await PlacementScope(user: try request.requireUser()).find(request.idParameter, on: request.db)
        if audit {
            try await request.auditLog().record(
                .view, by: request.auditActor, recordType: .participant, recordID: participant.id,
                detail: "placement \(placement.id?.uuidString ?? "")")
        }
        return (placement, participant)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let (placement, participant) = try await find(request, audit: true)
        return try await PlacementPage.render(request, placement: placement, participant: participant)
    }

    struct ActionForm: Content {
        var action: String?
        var date: String?
        var reason: String?
        var note: String?
    }

    @Sendable static func act(_ request: Request) async throws -> Response {
        let (placement, participant) = try await find(request)
        let form = try request.content.decode(ActionForm.self)
        guard let action = PlacementAction(rawValue: form.action ?? ""), let date = CivilDate(iso8601: form.date ?? "") else {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: ["action": "form.date"], status: .badRequest)
        }
        do {
            try await request.placementService.perform(
                .init(action: action, date: date, reason: form.reason, note: form.note), on: placement, by: request.auditActor)
        } catch let refusal as PlacementTransitionRefusal {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: refusal.code, status: .conflict)
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: key, status: .conflict)
        } catch let errors as FormErrors {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: errors.fields, status: .badRequest)
        }
        return request.redirectShowingSaved(to: .placement(placement.id))
    }

    struct AwaitingDecisionForm: Content {
        var programme: String?
        var purpose: String?
        var start: String?
        var end: String?
        var justification: String?

        var values: PlacementPage.DecisionValues {
            .init(
                programme: programme ?? "", purpose: purpose ?? "", start: start ?? "", end: end ?? "", justification: justification ?? "")
        }
    }

    /// The authority decides an accepted offer (`PlacementDecisionService.decideAwaiting`); a
    /// refusal shows every reason beside the form as typed. Refusing the placement is the
    /// "cancel" action, which gives the seat back.
    @Sendable static func decideAwaiting(_ request: Request) async throws -> Response {
        let (placement, participant) = try await find(request)
        let form = try request.content.decode(AwaitingDecisionForm.self)
        var values = form.values
        guard let start = CivilDate(iso8601: values.start) else {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: ["start": "form.date"], decisionValues: values,
                status: .badRequest)
        }
        let end = values.end.isEmpty ? nil : CivilDate(iso8601: values.end)
        if !values.end.isEmpty, end == nil {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: ["end": "form.date"], decisionValues: values,
                status: .badRequest)
        }
        do {
            _ = try await PlacementDecisionService(database: request.db, clock: request.application.clock).decideAwaiting(
                placement,
                .init(
                    programme: values.programme, purpose: values.purpose.isEmpty ? nil : values.purpose, start: start, end: end,
                    justification: values.justification),
                by: request.auditActor)
        } catch let refused as PlacementDecisionService.Refused {
            values.refusals = refused.refusals
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, decisionValues: values, status: .conflict)
        } catch let errors as FormErrors {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: errors.fields, decisionValues: values, status: .badRequest)
        } catch AppError.conflict(let key) {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: key, status: .conflict)
        }
        return request.redirectShowingSaved(to: .placement(placement.id))
    }

    struct AgreementForm: Content {
        var purpose: String?
        var goals: String?
        var tasks: String?
        var supervisorName: String?
        var supervisorEmail: String?
        var supervisorPhone: String?
        var supervisorLanguage: String?

        var input: PlacementService.AgreementInput {
            .init(
                purpose: purpose ?? "", goals: goals ?? "", tasks: tasks ?? "", supervisorName: supervisorName ?? "",
                supervisorEmail: supervisorEmail ?? "", supervisorPhone: supervisorPhone ?? "",
                supervisorLanguage: supervisorLanguage ?? "sv")
        }
    }

    @Sendable static func saveAgreement(_ request: Request) async throws -> Response {
        let (placement, participant) = try await find(request)
        let form = try request.content.decode(AgreementForm.self)
        do {
            try await request.placementService.saveAgreement(form.input, for: placement, by: request.auditActor)
        } catch let errors as FormErrors {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: errors.fields, agreementValues: form.input,
                status: .badRequest)
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: key, status: .conflict)
        }
        await request.deliverMail()
        return request.redirectShowingSaved(to: .placement(placement.id), fragment: "agreement")
    }

    struct HoursForm: Content {
        var from: String?
        var hours: String?
    }

    @Sendable static func addHours(_ request: Request) async throws -> Response {
        let (placement, participant) = try await find(request)
        let form = try request.content.decode(HoursForm.self)
        guard let from = CivilDate(iso8601: form.from ?? ""), let hours = Int((form.hours ?? "").trimmingCharacters(in: .whitespaces))
        else {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: ["hours": "hours-plan.invalid"], status: .badRequest)
        }
        do {
            try await request.placementService.addHoursStep(.init(from: from, hoursPerWeek: hours), to: placement, by: request.auditActor)
        } catch let errors as FormErrors {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: errors.fields, status: .badRequest)
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: key, status: .conflict)
        }
        return request.redirectShowingSaved(to: .placement(placement.id), fragment: "hours")
    }

    struct OutcomeForm: Content {
        var horizon: String?
        var status: String?
        var employerIsHost: String?
        var employmentKind: String?
        var source: String?
    }

    @Sendable static func recordOutcome(_ request: Request) async throws -> Response {
        let (placement, participant) = try await find(request)
        let form = try request.content.decode(OutcomeForm.self)
        guard let horizon = OutcomeHorizon(rawValue: form.horizon ?? ""), let status = OutcomeStatus(rawValue: form.status ?? "") else {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: ["outcome": "form.required"], status: .badRequest)
        }
        let source = OutcomeSource(rawValue: form.source ?? "") ?? .caseWorker
        let answer = OutcomeService.Answer(
            status: status, employerIsHost: form.employerIsHost.map { $0 == "yes" },
            employmentKind: EmploymentKind(rawValue: form.employmentKind ?? ""), source: source, sourceName: nil)
        do {
            let service = request.outcomeService
            if horizon == .atExit {
                try await service.recordAtExit(answer, for: placement, by: request.auditActor)
            } else {
                guard
                    let row = try await PlacementOutcome.query(on: request.db).filter(\.$placement.$id == placement.requireID())
                        .filter(\.$horizon == horizon.rawValue).first()
                else {
                    throw OutcomeService.Refusal.checkpoint(.noConsent)
                }
                try await service.recordCheckpoint(answer, for: row, by: request.auditActor)
            }
        } catch let refusal as OutcomeService.Refusal {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: refusal.messageKey, status: .conflict)
        }
        return request.redirectShowingSaved(to: .placement(placement.id), fragment: "outcomes")
    }

    struct HireForm: Content {
        var hired: String?
        var kind: String?
    }

    @Sendable static func recordHire(_ request: Request) async throws -> Response {
        let (placement, participant) = try await find(request)
        let form = try request.content.decode(HireForm.self)
        guard let hired = form.hired.flatMap({ $0 == "yes" ? true : $0 == "no" ? false : nil }) else {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: ["hired": "form.required"], status: .badRequest)
        }
        do {
            try await request.placementService.recordHire(
                hired, kind: EmploymentKind(rawValue: form.kind ?? ""), for: placement, by: request.auditActor)
        } catch let errors as FormErrors {
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, errors: errors.fields, status: .badRequest)
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await PlacementPage.render(
                request, placement: placement, participant: participant, refusalKey: key, status: .conflict)
        }
        return request.redirectShowingSaved(to: .placement(placement.id), fragment: "outcomes")
    }
}
