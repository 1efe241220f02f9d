import Fluent
import PraktikCore
import Vapor

extension PlacesController {
    struct ShowPage: Encodable {
        let title: String
        let employerName: String
        let employerHref: String
        let workplace: String
        let workplaceHref: String
        let details: Details
        let usable: Bool
        let reasons: [ReasonRow]
        let statusAction: String
        let transitions: [Choice]
        /// Approving a proposal: the case worker chooses the unit and the regime the employer did not.
        let approval: Approval?
        let hasApproval: Bool
        let editHref: String
        let errorKey: String
        let hasError: Bool
        /// Why the status change just asked for was refused, when `PlaceUsability` refused it.
        let refusalReasons: [ReasonRow]
        let hasRefusalReasons: Bool
    }

    /// A place's terms as shown on its page, to staff and to the employer alike.
    struct Details: Encodable {
        let occupationField: String
        let tasks: String
        let capacity: Int
        let period: String
        let hoursPerWeek: Int
        let languageRequirement: String
        let remotePossible: Bool
        let regimeKey: String
        let statusKey: String
        let status: String
        let unitName: String
    }

    struct Approval: Encodable {
        let units: [Choice]
        let regimes: [Choice]
    }

    struct ReasonRow: Encodable {
        let key: String
        let checkName: String
    }

    struct StatusForm: Content {
        var status: String?
        /// Only when approving a proposal.
        var unitID: String?
        var regime: String?
    }

    static func details(of place: Place, on request: Request) async throws -> Details {
        let unitName = try await UnitService(database: request.db).name(of: place.$unit.id)
        return Details(
            occupationField: place.occupationField, tasks: place.tasks, capacity: place.capacity,
            period: place.periodStart + " – " + place.periodEnd, hoursPerWeek: place.hoursPerWeek,
            languageRequirement: place.languageRequirement, remotePossible: place.remotePossible,
            regimeKey: place.status == PlaceStatus.proposed.rawValue ? "place.regime.at-approval" : "regime.\(place.regime)",
            statusKey: "place-status.\(place.status)", status: place.status, unitName: unitName ?? "")
    }

    /// The usability reasons with each check's name in the reader's language.
    static func reasonRows(_ answer: PlaceUsability.Answer, on request: Request) async throws -> [ReasonRow] {
        let types = try await request.employerCheckService.types(includingInactive: true)
        let names = Dictionary(types.map { ($0.key, request.name(of: $0)) }, uniquingKeysWith: { first, _ in first })
        return answer.reasons.map { ReasonRow(key: $0.code.rawValue, checkName: $0.checkKey.flatMap { names[$0] } ?? "") }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await renderShow(request, place: try await request.placeService.find(request.idParameter), errorKey: nil, status: .ok)
    }

    @Sendable static func changeStatus(_ request: Request) async throws -> Response {
        let place = try await request.placeService.find(request.idParameter)
        let form = try request.content.decode(StatusForm.self)
        guard let target = PlaceStatus(rawValue: form.status ?? "") else { throw AppError.badRequest(messageKey: "form.required") }
        do {
            let approval = PlaceService.Approval(
                unitID: form.unitID.flatMap(UUID.init(uuidString:)), regime: form.regime.flatMap(PlaceRegime.init(rawValue:)))
            try await request.placeService.changeStatus(of: place, to: target, as: .staff, by: request.auditActor, approval: approval)
            return request.redirectShowingSaved(to: .place(place.id))
        } catch let refused as PlaceCannotOpen {
            return try await renderShow(
                request, place: place, errorKey: "place-status.refusal.not-usable", refusal: .refused(refused.reasons), status: .conflict)
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await renderShow(request, place: place, errorKey: key, status: .conflict)
        }
    }

    private static func renderShow(
        _ request: Request, place: Place, errorKey: String?, refusal: PlaceUsability.Answer = .allowed, status: HTTPResponseStatus
    ) async throws -> Response {
        let workplace = try await request.workplaceService.find(place.$workplace.id)
        let employer = try await request.employerService.find(place.$employer.id)
        let answer = try await PlaceUsabilityService(database: request.db).answer(for: place, on: try request.application.clock.today())
        let current = PlaceStatus(rawValue: place.status) ?? .closed
        var approval: Approval?
        if current == .proposed {
            approval = Approval(
                units: try await UnitService(database: request.db).list().map {
                    Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id == place.$unit.id)
                },
                regimes: Choice.all(PlaceRegime.self, prefix: "regime", selected: nil))
        }
        let page = ShowPage(
            title: place.title, employerName: employer.name, employerHref: SiteURL.employer(employer.id).path,
            workplace: workplace.name.isEmpty ? workplace.address : workplace.name + ", " + workplace.address,
            workplaceHref: SiteURL.workplace(workplace.id).path,
            details: try await details(of: place, on: request),
            usable: answer.isAllowed, reasons: try await reasonRows(answer, on: request),
            statusAction: SiteURL.placeStatus(place.id).path,
            transitions: current.possibleTargets(for: .staff).filter { !(current == .proposed && $0 == .open) }.map {
                Choice(value: $0.rawValue, labelKey: "place-status.action.\(current.rawValue).\($0.rawValue)", isSelected: false)
            },
            approval: approval, hasApproval: approval != nil,
            editHref: SiteURL.placeEdit(place.id).path, errorKey: errorKey ?? "", hasError: errorKey != nil,
            refusalReasons: try await reasonRows(refusal, on: request), hasRefusalReasons: !refusal.isAllowed)
        return try await request.render(
            "Employers/place", page, layout: .init(request: request, titleKey: "place.page-title", titleArgument: place.title),
            status: status)
    }
}
