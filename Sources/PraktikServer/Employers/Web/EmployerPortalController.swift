import Fluent
import PraktikCore
import SQLKit
import Vapor

/// The employer contact's own pages: their workplaces and places, proposing new places, and the
/// status of their employer's checks. Every lookup goes through `EmployerContactScope`; anything
/// outside it is answered "not found", so the contact cannot even learn that it exists.
enum EmployerPortalController {
    struct StartPage: Encodable {
        let workplaces: [WorkplaceRow]
        let hasWorkplaces: Bool
        let employers: [EmployerChecks]
    }

    struct WorkplaceRow: Encodable {
        let href: String
        let newPlaceHref: String
        let name: String
        let employerName: String
        let address: String
        let places: [PlaceRow]
    }

    struct PlaceRow: Encodable {
        let href: String
        let title: String
        let period: String
        let capacity: Int
        let statusKey: String
        let status: String
    }

    struct EmployerChecks: Encodable {
        let name: String
        let checks: [CheckRow]
    }

    struct CheckRow: Encodable {
        let name: String
        let stateKey: String
        let state: String
        let expiresOn: String
    }

    @Sendable static func start(_ request: Request) async throws -> Response {
        let scope = try request.employerContactScope()
        let workplaces = try await scope.workplaces()
        let (places, _) = try await PlaceDirectory(sql: try request.sql).page(
            .init(onlyWorkplaces: workplaces.compactMap(\.id)), sort: PlaceDirectory.byStart,
            limit: 500, offset: 0)
        let placesByWorkplace = Dictionary(grouping: places, by: \.workplace_id)
        let today = try request.application.clock.today()
        var employers: [EmployerChecks] = []
        for employer in try await scope.employers() {
            let standings = try await request.employerCheckService.standings(of: try employer.requireID())
            employers.append(
                EmployerChecks(
                    name: employer.name,
                    checks: standings.map {
                        let state = $0.standing.state(on: today)
                        return CheckRow(
                            name: request.name(of: $0.type), stateKey: "check.state.\(state.rawValue)", state: state.rawValue,
                            expiresOn: $0.latest?.expiresOn ?? "")
                    }))
        }
        let page = StartPage(
            workplaces: workplaces.map { workplace in
                WorkplaceRow(
                    href: SiteURL.employerPortalWorkplace(workplace.id).path,
                    newPlaceHref: SiteURL.employerPortalWorkplacePlaceNew(workplace.id).path,
                    name: workplace.displayName, employerName: workplace.employer.name,
                    address: workplace.fullAddress,
                    places: (workplace.id.flatMap { placesByWorkplace[$0] } ?? []).map(placeRow))
            },
            hasWorkplaces: !workplaces.isEmpty, employers: employers)
        return try await request.render("Employers/portal", page, layout: .init(request: request, titleKey: "employer-portal.title"))
    }

    static func placeRow(_ row: PlaceDirectory.Row) -> PlaceRow {
        PlaceRow(
            href: SiteURL.employerPortalPlace(row.id).path, title: row.title, period: row.period_start + " – " + row.period_end,
            capacity: row.capacity, statusKey: "place-status.\(row.status)", status: row.status)
    }

    // MARK: Workplace

    @Sendable static func workplace(_ request: Request) async throws -> Response {
        let workplace = try await request.employerContactScope().workplace(request.idParameter)
        let employer = try await request.employerService.find(workplace.$employer.id)
        return try await WorkplacesController.renderForm(
            request, employer: employer, workplace: workplace, values: WorkplacesController.values(of: workplace), errors: [:], status: .ok,
            action: SiteURL.employerPortalWorkplace(workplace.id).path, cancelHref: SiteURL.employerPortal.path, showActive: false)
    }

    @Sendable static func updateWorkplace(_ request: Request) async throws -> Response {
        let workplace = try await request.employerContactScope().workplace(request.idParameter)
        let employer = try await request.employerService.find(workplace.$employer.id)
        let form = try request.content.decode(WorkplacesController.WorkplaceForm.self)
        var input = form.input
        // Only staff deactivate a workplace.
        input.isActive = workplace.isActive
        do {
            try await request.workplaceService.update(workplace, with: input, by: request.auditActor)
            return request.redirectShowingSaved(to: .employerPortal)
        } catch let errors as FormErrors {
            return try await WorkplacesController.renderForm(
                request, employer: employer, workplace: workplace, values: form.values, errors: errors.fields, status: errors.status,
                action: SiteURL.employerPortalWorkplace(workplace.id).path, cancelHref: SiteURL.employerPortal.path, showActive: false)
        }
    }

    // MARK: Places

    @Sendable static func newPlace(_ request: Request) async throws -> Response {
        let workplace = try await request.employerContactScope().workplace(request.idParameter)
        return try await PlacesController.renderForm(
            request, heading: workplace.displayName, place: nil,
            action: SiteURL.employerPortalWorkplacePlaces(workplace.id).path, cancelHref: SiteURL.employerPortal.path,
            values: PlacesController.Values(), errors: [:], status: .ok, isEmployer: true)
    }

    @Sendable static func proposePlace(_ request: Request) async throws -> Response {
        let workplace = try await request.employerContactScope().workplace(request.idParameter)
        let form = try request.content.decode(PlacesController.PlaceForm.self)
        do {
            let notice = ProposalNotice(translations: request.application.translations, publicURL: request.application.settings.publicURL)
            let place = try await request.placeService.create(
                at: workplace, form.input, as: .employer, by: request.auditActor, notice: notice)
            await request.deliverMail()
            return request.redirectShowingSaved(to: .employerPortalPlace(place.id))
        } catch let errors as FormErrors {
            return try await PlacesController.renderForm(
                request, heading: workplace.displayName, place: nil,
                action: SiteURL.employerPortalWorkplacePlaces(workplace.id).path, cancelHref: SiteURL.employerPortal.path,
                values: form.values, errors: errors.fields, status: errors.status, isEmployer: true)
        }
    }

    struct PlacePage: Encodable {
        let title: String
        let details: PlacesController.Details
        let mayEdit: Bool
        let form: PlacesController.FormPage
        let statusAction: String
        let transitions: [Choice]
        let errorKey: String
        let hasError: Bool
        let backHref: String
    }

    @Sendable static func place(_ request: Request) async throws -> Response {
        let place = try await request.employerContactScope().place(request.idParameter)
        return try await renderPlace(
            request, place: place, values: PlacesController.values(of: place), errors: [:], errorKey: nil, status: .ok)
    }

    @Sendable static func updatePlace(_ request: Request) async throws -> Response {
        let place = try await request.employerContactScope().place(request.idParameter)
        let form = try request.content.decode(PlacesController.PlaceForm.self)
        do {
            try await request.placeService.update(place, with: form.input, as: .employer, by: request.auditActor)
            return request.redirectShowingSaved(to: .employerPortalPlace(place.id))
        } catch let errors as FormErrors {
            return try await renderPlace(
                request, place: place, values: form.values, errors: errors.fields, errorKey: nil, status: errors.status)
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await renderPlace(request, place: place, values: form.values, errors: [:], errorKey: key, status: .conflict)
        }
    }

    @Sendable static func changePlaceStatus(_ request: Request) async throws -> Response {
        let place = try await request.employerContactScope().place(request.idParameter)
        let form = try request.content.decode(PlacesController.StatusForm.self)
        guard let target = PlaceStatus(rawValue: form.status ?? "") else { throw AppError.badRequest(messageKey: "form.required") }
        do {
            try await request.placeService.changeStatus(of: place, to: target, as: .employer, by: request.auditActor)
            return request.redirectShowingSaved(to: .employerPortalPlace(place.id))
        } catch let error as AppError {
            guard case .conflict(let key) = error else { throw error }
            return try await renderPlace(
                request, place: place, values: PlacesController.values(of: place), errors: [:], errorKey: key, status: .conflict)
        }
    }

    private static func renderPlace(
        _ request: Request, place: Place, values: PlacesController.Values, errors: [String: String], errorKey: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let current = PlaceStatus(rawValue: place.status) ?? .closed
        let form = PlacesController.FormPage(
            isNew: false, action: SiteURL.employerPortalPlace(place.id).path, cancelHref: SiteURL.employerPortal.path, heading: place.title,
            form: values,
            regimes: Choice.all(PlaceRegime.self, prefix: "regime", selected: values.regime),
            units: try await UnitService(database: request.db).list().map {
                Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id.uuidString == values.unitID)
            },
            errors: errors, hasErrors: !errors.isEmpty, isEmployer: true)
        let page = PlacePage(
            title: place.title, details: try await PlacesController.details(of: place, on: request), mayEdit: current.employerMayEdit,
            form: form, statusAction: SiteURL.employerPortalPlaceStatus(place.id).path,
            // An employer's own words: they withdraw their proposal, they do not "reject" it.
            transitions: current.possibleTargets(for: .employer).map {
                Choice(value: $0.rawValue, labelKey: "place-status.employer-action.\(current.rawValue).\($0.rawValue)", isSelected: false)
            },
            errorKey: errorKey ?? "", hasError: errorKey != nil, backHref: SiteURL.employerPortal.path)
        return try await request.render(
            "Employers/portal-place", page, layout: .init(request: request, titleKey: "place.page-title", titleArgument: place.title),
            status: status)
    }
}
