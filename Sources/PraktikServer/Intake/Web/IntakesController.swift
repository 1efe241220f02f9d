import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// Case workers' and admins' pages for intakes: the list, creating and changing an intake, moving
/// it through its statuses and carrying a waiting list into it. Analysts get the list with links
/// to each funnel, nothing else.
enum IntakesController {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let name: String
            let href: String
            let programme: String
            let unit: String
            let statusKey: String
            let window: String
            let targetPlaces: Int
            let applications: String
            let inQueue: String
            let screeningHref: String
            let funnelHref: String
            let isPilot: Bool
        }

        let rows: [Row]
        let mayCreate: Bool
        let isAnalyst: Bool
        let newHref: String
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let scope = try IntakeScope(user: request.requireUser())
        let rows = try await IntakeDirectory(sql: try request.sql).list(scope: scope)
        let policy = FunnelController.policy(request)
        func count(_ value: Int) -> String {
            guard scope.seesAggregatesOnly, policy.isSmall(value) else { return String(value) }
            return DisclosedCell.small.text(threshold: policy.threshold)
        }
        let page = ListPage(
            rows: rows.map { row in
                ListPage.Row(
                    name: row.name, href: scope.seesAggregatesOnly ? SiteURL.intakeFunnel(row.id).path : SiteURL.intake(row.id).path,
                    programme: row.programme_name, unit: row.unit_name, statusKey: "intake-status.\(row.status)",
                    window: ApplyController.date(row.opens_on, request) + " – " + ApplyController.date(row.closes_on, request),
                    targetPlaces: row.target_places, applications: count(row.applications), inQueue: count(row.in_queue),
                    screeningHref: SiteURL.intakeScreening(row.id).path, funnelHref: SiteURL.intakeFunnel(row.id).path,
                    isPilot: row.is_pilot)
            },
            mayCreate: !scope.seesAggregatesOnly, isAnalyst: scope.seesAggregatesOnly, newHref: SiteURL.intakeNew.path)
        return try await request.render("Intake/intakes", page, layout: .init(request: request, titleKey: "intakes.title"))
    }

    // MARK: Creating and changing

    struct IntakeForm: Content {
        var programmeID: String?
        var name: String?
        var opensOn: String?
        var closesOn: String?
        var placementStart: String?
        var placementEnd: String?
        var targetPlaces: String?
        var targetApplicants: String?
        var ruleSet: String?
        var isPilot: String?
        var previousIntakeID: String?

        var input: IntakeService.Input {
            IntakeService.Input(
                programmeID: programmeID.flatMap(UUID.init(uuidString:)), name: name ?? "", opensOn: opensOn ?? "",
                closesOn: closesOn ?? "",
                placementStart: placementStart ?? "", placementEnd: placementEnd ?? "", targetPlaces: targetPlaces ?? "",
                targetApplicants: targetApplicants ?? "", ruleSet: ruleSet ?? "", isPilot: isPilot == "yes",
                previousIntakeID: previousIntakeID.flatMap(UUID.init(uuidString:)))
        }

        init() {}

        init(_ intake: Intake, ruleSet: String) {
            programmeID = intake.$programme.id.uuidString
            name = intake.name
            opensOn = intake.opensOn
            closesOn = intake.closesOn
            placementStart = intake.placementStart
            placementEnd = intake.placementEnd
            targetPlaces = String(intake.targetPlaces)
            targetApplicants = intake.targetApplicants.map(String.init)
            self.ruleSet = ruleSet
            isPilot = intake.isPilot ? "yes" : nil
            previousIntakeID = intake.previousIntakeID?.uuidString
        }
    }

    struct FormPage: Encodable {
        let isNew: Bool
        let action: String
        let cancelHref: String
        let form: [String: String]
        let isPilot: Bool
        let programmes: [Choice]
        let ruleSets: [Choice]
        let previousIntakes: [Choice]
        let hasProgrammes: Bool
        let errors: [String: String]
        let hasErrors: Bool
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        try await renderForm(request, intake: nil, form: IntakeForm(), errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(IntakeForm.self)
        let scope = try IntakeScope(user: request.requireUser())
        let programmes = try await ProgrammeService(database: request.db, clock: request.application.clock, actor: request.auditActor).list(
            in: scope)
        guard let programme = programmes.first(where: { $0.id == form.input.programmeID }) else {
            return try await renderForm(
                request, intake: nil, form: form, errors: ["programmeID": "apply.error.choose"], status: .badRequest)
        }
        do {
            let intake = try await service(request).create(form.input, programme: programme)
            return request.redirectShowingSaved(to: .intake(intake.id))
        } catch let errors as FormErrors {
            return try await renderForm(request, intake: nil, form: form, errors: errors.fields, status: .badRequest)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let intake = try await find(request)
        let key = try await service(request).ruleSetKey(of: intake)
        return try await renderForm(request, intake: intake, form: IntakeForm(intake, ruleSet: key), errors: [:], status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let intake = try await find(request)
        let form = try request.content.decode(IntakeForm.self)
        do {
            try await service(request).update(intake, with: form.input)
            return request.redirectShowingSaved(to: .intake(intake.id))
        } catch let errors as FormErrors {
            return try await renderForm(request, intake: intake, form: form, errors: errors.fields, status: .badRequest)
        }
    }

    private static func renderForm(
        _ request: Request, intake: Intake?, form: IntakeForm, errors: [String: String], status: HTTPResponseStatus
    ) async throws
        -> Response
    {
        let scope = try IntakeScope(user: request.requireUser())
        let programmes = try await ProgrammeService(database: request.db, clock: request.application.clock, actor: request.auditActor).list(
            in: scope)
        let programmeIDs = programmes.compactMap(\.id)
        let earlier =
            programmeIDs.isEmpty
            ? [] : try await Intake.query(on: request.db).filter(\.$programme.$id ~~ programmeIDs).sort(\.$opensOn, .descending).all()
        let versions = EligibilityRuleSets.all.sorted { ($0.code, -$0.version) < ($1.code, -$1.version) }
        let page = FormPage(
            isNew: intake == nil,
            action: intake.map { SiteURL.intake($0.id).path } ?? SiteURL.intakes.path,
            cancelHref: intake.map { SiteURL.intake($0.id).path } ?? SiteURL.intakes.path,
            form: [
                "name": form.name ?? "", "opensOn": form.opensOn ?? "", "closesOn": form.closesOn ?? "",
                "placementStart": form.placementStart ?? "", "placementEnd": form.placementEnd ?? "",
                "targetPlaces": form.targetPlaces ?? "", "targetApplicants": form.targetApplicants ?? "",
            ],
            isPilot: form.isPilot == "yes",
            programmes: programmes.map {
                Choice(value: $0.id?.uuidString ?? "", label: $0.name, isSelected: $0.id?.uuidString == form.programmeID)
            },
            ruleSets: versions.map {
                Choice(
                    value: "\($0.code)@\($0.version)", label: "\($0.name(in: request.language.tag)) – v\($0.version)",
                    isSelected: "\($0.code)@\($0.version)" == form.ruleSet)
            },
            previousIntakes: earlier.filter { $0.id != intake?.id }.map {
                Choice(value: $0.id?.uuidString ?? "", label: $0.name, isSelected: $0.id?.uuidString == form.previousIntakeID)
            },
            hasProgrammes: !programmes.isEmpty, errors: errors, hasErrors: !errors.isEmpty)
        let response = try await request.render(
            "Intake/intake-form", page,
            layout: .init(
                request: request, titleKey: intake == nil ? "intakes.new.title" : "intakes.edit.title", titleArgument: intake?.name ?? ""))
        response.status = status
        return response
    }

    // MARK: The intake page

    struct ShowPage: Encodable {
        struct Fact: Encodable {
            let labelKey: String
            let value: String
            let valueKey: String?
        }

        struct StatusButton: Encodable {
            let value: String
            let labelKey: String
            let needsConfirmation: Bool
        }

        struct Count: Encodable {
            let labelKey: String
            let value: Int
        }

        let name: String
        let statusKey: String
        let facts: [Fact]
        let colours: [Count]
        let statuses: [Count]
        let statusButtons: [StatusButton]
        let statusAction: String
        let mayCarryWaitingList: Bool
        let waitingListAction: String
        let previousIntakeName: String
        let screeningHref: String
        let outreachHref: String
        let funnelHref: String
        let unfilledHref: String
        let matchingHref: String
        let editHref: String
        let applyHref: String
        let notice: String?
        let errorKey: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let intake = try await find(request)
        let saved = request.query("saved")
        return try await renderShow(
            request, intake, notice: saved.isEmpty || saved == "true" ? nil : "intake.saved.\(saved)", errorKey: nil, status: .ok)
    }

    static func renderShow(_ request: Request, _ intake: Intake, notice: String?, errorKey: String?, status: HTTPResponseStatus)
        async throws -> Response
    {
        let id = try intake.requireID()
        let sql = try request.sql
        let ruleSet = try await RuleSetStore(database: request.db, clock: request.application.clock).load(intake.$ruleSet.id)
        struct Row: Decodable {
            let value: String
            let n: Int
        }
        let colours = try await sql.raw(
            "SELECT colour AS value, COUNT(*) AS n FROM applications WHERE intake_id = \(bind: id) GROUP BY colour"
        )
        .all(decoding: Row.self)
        let statuses = try await sql.raw(
            "SELECT status AS value, COUNT(*) AS n FROM applications WHERE intake_id = \(bind: id) GROUP BY status"
        )
        .all(decoding: Row.self)
        let current = IntakeStatus(rawValue: intake.status) ?? .planned
        var previousName = ""
        if let previousID = intake.previousIntakeID { previousName = try await Intake.find(previousID, on: request.db)?.name ?? "" }
        let page = ShowPage(
            name: intake.name, statusKey: "intake-status.\(intake.status)",
            facts: [
                .init(labelKey: "intake.programme", value: intake.programme.name, valueKey: nil),
                .init(
                    labelKey: "intake.window",
                    value: ApplyController.date(intake.opensOn, request) + " – " + ApplyController.date(intake.closesOn, request),
                    valueKey: nil),
                .init(
                    labelKey: "intake.placement-period",
                    value: ApplyController.date(intake.placementStart, request) + " – "
                        + ApplyController.date(intake.placementEnd, request), valueKey: nil),
                .init(labelKey: "intake.target-places", value: String(intake.targetPlaces), valueKey: nil),
                .init(labelKey: "intake.target-applicants", value: intake.targetApplicants.map(String.init) ?? "–", valueKey: nil),
                .init(labelKey: "intake.rule-set", value: "\(ruleSet.name(in: request.language.tag)) – v\(ruleSet.version)", valueKey: nil),
                .init(labelKey: "intake.pilot", value: "", valueKey: intake.isPilot ? "form.yes" : "form.no"),
            ],
            colours: EligibilityColour.allCases.map { colour in
                ShowPage.Count(labelKey: "colour.\(colour.rawValue)", value: colours.first { $0.value == colour.rawValue }?.n ?? 0)
            },
            statuses: ApplicationStatus.allCases.map { status in
                ShowPage.Count(
                    labelKey: "application-status.\(status.rawValue)", value: statuses.first { $0.value == status.rawValue }?.n ?? 0)
            },
            statusButtons: current.possibleTargets.map {
                ShowPage.StatusButton(value: $0.rawValue, labelKey: "intake-status.action.\($0.rawValue)", needsConfirmation: $0 == .closed)
            },
            statusAction: SiteURL.intakeStatus(id).path,
            mayCarryWaitingList: intake.previousIntakeID != nil && intake.waitingListCarriedAt == nil && current != .closed,
            waitingListAction: SiteURL.intakeWaitingList(id).path, previousIntakeName: previousName,
            screeningHref: SiteURL.intakeScreening(id).path, outreachHref: SiteURL.intakeOutreach(id).path,
            funnelHref: SiteURL.intakeFunnel(id).path, unfilledHref: SiteURL.intakeUnfilled(id).path,
            matchingHref: SiteURL.intakeMatching(id).path,
            editHref: SiteURL.intakeEdit(id).path, applyHref: SiteURL.applyIntake(id).path,
            notice: notice, errorKey: errorKey)
        let response = try await request.render(
            "Intake/intake", page, layout: .init(request: request, titleKey: "intake.title", titleArgument: intake.name))
        response.status = status
        return response
    }

    struct StatusForm: Content {
        var status: String?
        var confirm: String?
    }

    @Sendable static func changeStatus(_ request: Request) async throws -> Response {
        let intake = try await find(request)
        let form = try request.content.decode(StatusForm.self)
        guard let target = form.status.flatMap(IntakeStatus.init(rawValue:)) else {
            throw AppError.badRequest(messageKey: "error.bad-request")
        }
        if target == .closed && form.confirm != "yes" {
            return try await renderShow(request, intake, notice: nil, errorKey: "intake.close.confirm-needed", status: .badRequest)
        }
        do {
            try await service(request).changeStatus(of: intake, to: target, messages: ApplyController.messages(request))
        } catch let error as AppError {
            return try await renderShow(request, intake, notice: nil, errorKey: error.messageKey, status: .conflict)
        }
        await request.deliverMail()
        return request.redirect(to: SiteURL.intake(intake.id).path + "?saved=status")
    }

    @Sendable static func carryWaitingList(_ request: Request) async throws -> Response {
        let intake = try await find(request)
        do {
            try await service(request).carryWaitingList(into: intake, messages: ApplyController.messages(request))
        } catch let error as AppError {
            return try await renderShow(request, intake, notice: nil, errorKey: error.messageKey, status: .conflict)
        }
        await request.deliverMail()
        return request.redirect(to: SiteURL.intake(intake.id).path + "?saved=waiting-list")
    }

    static func find(_ request: Request) async throws -> Intake {
        try await IntakeScope(user: try request.requireUser()).find(request.idParameter, on: request.db)
    }

    static func service(_ request: Request) -> IntakeService {
        IntakeService(database: request.db, clock: request.application.clock, actor: request.auditActor)
    }
}
