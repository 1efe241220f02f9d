import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The case worker's pages for participants. Every handler resolves the participant through the
/// user's `ParticipantScope`, so a record outside it is simply not found.
enum ParticipantsController {
    // MARK: List

    struct ListPage: Encodable {
        /// A participant as the list shows them: the link, the name and the labels are written by
        /// `ParticipantListView`, once per page where they can be (`RecordLink`, `ValueLabels`).
        struct Row: Encodable {
            let id: UUID
            let lastName: String?
            let firstName: String?
            let personNumber: String
            let gender: String
            let status: String
            let unitName: String
            let isErased: Bool
        }

        let rows: [Row]
        let list: ListQuery
        let search: String
        let statuses: [Choice]
        let newHref: String
        let transfersHref = SiteURL.participantTransfers.path
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let scope = ParticipantScope(user: try request.requireUser())
        let search = request.query("q"), statusText = request.query("status")
        var list = ListQuery(request, url: .participants, filters: ["q": search, "status": statusText])
        let filter = ParticipantDirectory.Filter(search: search, status: ParticipantStatus(rawValue: statusText))
        let (rows, total) = try await ParticipantDirectory(sql: try request.sql, scope: scope).page(
            filter, limit: list.limit, offset: list.offset)
        list.total = total
        let page = ListPage(
            rows: rows.map { row in
                ListPage.Row(
                    id: row.id, lastName: row.last_name, firstName: row.first_name,
                    personNumber: (try? PersonIdentifier(storageValue: row.person_identifier))?.masked ?? "",
                    gender: row.gender, status: row.status, unitName: row.unit_name, isErased: row.erased_at != nil)
            },
            list: list, search: search,
            statuses: Choice.all(ParticipantStatus.self, prefix: "participant-status", selected: statusText),
            newHref: SiteURL.participantNew.path)
        return request.render(
            view: { ParticipantListView.body(page, $1, into: &$0) }, layout: Layout(request: request, titleKey: "participants.title"))
    }

    // MARK: Create and edit

    @Sendable static func new(_ request: Request) async throws -> Response {
        var form = ParticipantForm()
        // The person registering is responsible unless they choose someone else.
        let user = try request.requireUser()
        if user.role == .caseWorker { form.responsibleUserID = user.id.uuidString }
        return try await renderForm(request, participant: nil, form: form, errors: [:], taken: .no, status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ParticipantForm.self)
        return try await save(request, form: form, existing: nil) { try await service(request).create(form.input) }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        try await service(request).refuseUnlessAllowed(.editDetails, participant)
        let id = try participant.requireID()
        let details = ParticipantDetails(database: request.db)
        let form = ParticipantForm(
            participant, languages: try await details.languages(of: id), groups: try await details.targetGroups(of: id))
        try await request.auditLog().record(.view, by: request.auditActor, recordType: .participant, recordID: id)
        return try await renderForm(request, participant: participant, form: form, errors: [:], taken: .no, status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        let form = try request.content.decode(ParticipantForm.self)
        return try await save(request, form: form, existing: participant) {
            try await service(request).update(participant, with: form.input)
            return participant
        }
    }

    /// Runs a create or an update and answers as the form expects: the record page on success,
    /// the form again with every problem marked, or the record page with the policy's refusal.
    private static func save(
        _ request: Request, form: ParticipantForm, existing: Participant?, _ write: () async throws -> Participant
    ) async throws -> Response {
        do {
            let saved = try await write()
            return request.redirectShowingSaved(to: .participant(saved.id))
        } catch let refused as ParticipantService.Refused {
            guard let existing else { throw AppError.forbidden }
            return try await ParticipantPage.render(request, existing, refusal: refused.refusal, status: .conflict)
        } catch let errors as FormErrors {
            return try await renderForm(
                request, participant: existing, form: form, errors: errors.fields, taken: .no, status: errors.status)
        } catch let duplicate as ParticipantService.DuplicatePersonNumber {
            guard let visibleID = duplicate.visibleID else {
                return try await renderForm(
                    request, participant: existing, form: form, errors: ["personNumber": "participant.duplicate.elsewhere"],
                    taken: .elsewhere, status: .conflict)
            }
            return try await renderForm(
                request, participant: existing, form: form, errors: ["personNumber": "participant.duplicate"],
                taken: .visibleAt(SiteURL.participant(visibleID).path), status: .conflict)
        }
    }

    // MARK: Record page and its actions

    @Sendable static func show(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        try await request.auditLog().record(.view, by: request.auditActor, recordType: .participant, recordID: participant.id)
        return try await ParticipantPage.render(request, participant, refusal: nil, status: .ok)
    }

    struct ConsentForm: Content {
        var purpose: String
        var action: String
        var channel: String?
        /// The day the person decided; empty means today.
        var date: String?
    }

    @Sendable static func recordConsent(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        let form = try request.content.decode(ConsentForm.self)
        guard let action = ConsentAction(rawValue: form.action),
            let channel = ConsentChannel(rawValue: form.channel ?? ConsentChannel.webForm.rawValue)
        else { throw AppError.badRequest(messageKey: "error.bad-request") }
        let dateText = (form.date ?? "").trimmingCharacters(in: .whitespaces)
        let day = CivilDate(iso8601: dateText)
        if !dateText.isEmpty, day == nil {
            return try await ParticipantPage.render(request, participant, refusal: nil, status: .badRequest, formError: "form.date")
        }
        do {
            try await service(request).recordConsent(action, purpose: form.purpose, channel: channel, for: participant, on: day)
        } catch let refused as ParticipantService.Refused {
            return try await ParticipantPage.render(request, participant, refusal: refused.refusal, status: .conflict)
        } catch let errors as FormErrors {
            return try await ParticipantPage.render(
                request, participant, refusal: nil, status: .badRequest, formError: errors.fields.values.first)
        }
        return request.redirectShowingSaved(to: .participant(participant.id))
    }

    struct ExitForm: Content {
        var exitDate: String
        var reason: String
        var outcome: String?
        var employerIsHost: String?
    }

    @Sendable static func exit(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        let form = try request.content.decode(ExitForm.self)
        guard let date = CivilDate(iso8601: form.exitDate), let reason = ExitReason(rawValue: form.reason) else {
            return try await ParticipantPage.render(
                request, participant, refusal: nil, status: .badRequest, formError: "participant.exit.invalid")
        }
        do {
            try await service(request).exit(
                participant, on: date, reason: reason, outcome: form.outcome.flatMap(OutcomeStatus.init(rawValue:)),
                employerIsHost: form.employerIsHost.map { $0 == "yes" })
        } catch let refused as ParticipantService.Refused {
            return try await ParticipantPage.render(request, participant, refusal: refused.refusal, status: .conflict)
        } catch let errors as FormErrors {
            return try await ParticipantPage.render(
                request, participant, refusal: nil, status: errors.status, formError: errors.fields.values.first)
        }
        return request.redirectShowingSaved(to: .participant(participant.id))
    }

    struct OutcomeForm: Content {
        var horizon: String
        var status: String
        var employerIsHost: String?
        var source: String?
    }

    @Sendable static func recordOutcome(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        let form = try request.content.decode(OutcomeForm.self)
        guard let horizon = OutcomeHorizon(rawValue: form.horizon), let status = OutcomeStatus(rawValue: form.status),
            let source = OutcomeSource(rawValue: form.source ?? OutcomeSource.caseWorker.rawValue)
        else {
            return try await ParticipantPage.render(
                request, participant, refusal: nil, status: .badRequest, formError: "participant.outcome.invalid")
        }
        do {
            try await service(request).recordFollowUp(
                participant, horizon: horizon, status: status, employerIsHost: form.employerIsHost.map { $0 == "yes" }, source: source)
        } catch let refused as ParticipantService.Refused {
            return try await ParticipantPage.render(request, participant, refusal: refused.refusal, status: .conflict)
        }
        return request.redirectShowingSaved(to: .participant(participant.id))
    }

    @Sendable static func export(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        let id = try participant.requireID()
        let export = try await PersonalDataExport.collect(participantID: id, on: request.db, now: request.now)
        try await request.auditLog().record(.export, by: request.auditActor, recordType: .participant, recordID: id)
        return try jsonDownload(export, filename: "praktik-\(id.uuidString.lowercased()).json")
    }

    struct EraseForm: Content { var confirm: String? }

    @Sendable static func erase(_ request: Request) async throws -> Response {
        let participant = try await find(request)
        let form = try request.content.decode(EraseForm.self)
        guard form.confirm == "yes" else {
            return try await ParticipantPage.render(
                request, participant, refusal: nil, status: .badRequest, formError: "participant.erase.confirm-needed")
        }
        try await ErasureService(database: request.db, clock: request.application.clock).erase(participant, by: request.auditActor)
        return request.redirectShowingSaved(to: .participant(participant.id))
    }

    // MARK: Helpers

    static func jsonDownload(_ export: PersonalDataExport, filename: String) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: try export.json()))
    }

    static func find(_ request: Request) async throws -> Participant {
        try await ParticipantScope(user: try request.requireUser()).find(request.idParameter, on: request.db)
    }

    static func service(_ request: Request) throws -> ParticipantService {
        ParticipantService(
            database: request.db, clock: request.application.clock, scope: ParticipantScope(user: try request.requireUser()),
            actor: request.auditActor)
    }

    private static func renderForm(
        _ request: Request, participant: Participant?, form: ParticipantForm, errors: [String: String],
        taken: PersonNumberTaken, status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try request.requireUser()
        let unitID = participant?.$unit.id ?? user.unitID
        // An admin registering someone picks the unit on the same form, so sees every unit's case workers.
        let caseWorkers = try await UserDirectory(sql: try request.sql)
            .activeCaseWorkers(inUnit: user.role != .admin || participant != nil ? unitID : nil).map {
                Choice(value: $0.id.uuidString, label: $0.display_name, isSelected: $0.id.uuidString == form.responsibleUserID)
            }
        let units = try await UnitService(database: request.db).list().map {
            Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id.uuidString == form.unitID)
        }
        let page = ParticipantFormPage(
            isNew: participant == nil,
            action: participant.map { SiteURL.participantEdit($0.id).path } ?? SiteURL.participants.path,
            cancelHref: participant.map { SiteURL.participant($0.id).path } ?? SiteURL.participants.path,
            form: form, units: units, showsUnit: user.role == .admin, caseWorkers: caseWorkers, errors: errors,
            taken: taken, defaultLanguage: request.application.settings.defaultLanguage)
        return try await request.render(
            "Participants/form", page,
            layout: .init(
                request: request, titleKey: participant == nil ? "participants.new.title" : "participants.edit.title",
                titleArgument: participant?.displayName ?? ""), status: status)
    }
}
