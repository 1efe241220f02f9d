import Fluent
import PraktikCore
import SQLKit
import Vapor

extension EmployersController {
    struct ShowPage: Encodable {
        let name: String
        let identifier: String
        let registerKey: String
        let sectorKey: String
        let industry: String
        let employees: String
        let isActive: Bool
        let editHref: String
        let newWorkplaceHref: String
        let checksAction: String
        let listHref: String
        let signals: [SignalRow]
        let hasSignals: Bool
        let checks: [CheckRow]
        let history: [HistoryRow]
        let hasHistory: Bool
        let checkTypes: [Choice]
        let results: [Choice]
        let checkForm: CheckFormValues
        let checkErrors: [String: String]
        let hasCheckErrors: Bool
        let workplaces: [WorkplaceRow]
        let places: [PlaceRow]
        let placeCount: Int
        let placesHref: String
    }

    struct SignalRow: Encodable {
        let labelKey: String
        let explanationKey: String
    }

    struct CheckRow: Encodable {
        let name: String
        let stateKey: String
        let state: String
        let checkedOn: String
        let expiresOn: String
        let unionName: String
        let isRequired: Bool
    }

    struct HistoryRow: Encodable {
        let name: String
        let resultKey: String
        let checkedOn: String
        let expiresOn: String
        let unionName: String
        let note: String
        let recordedBy: String
    }

    struct CheckFormValues: Encodable {
        var checkTypeID = ""
        var result = ""
        var checkedOn = ""
        var expiresOn = ""
        var unionName = ""
        var note = ""
    }

    struct WorkplaceRow: Encodable {
        let href: String
        let name: String
        /// The name, or the street address for a workplace without one.
        let label: String
        let address: String
        let district: String
        let pNumber: String
        let isActive: Bool
    }

    struct PlaceRow: Encodable {
        let href: String
        let title: String
        let workplace: String
        let period: String
        let capacity: Int
        let statusKey: String
        let status: String
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await renderShow(
            request, employer: try await request.employerService.find(request.idParameter), checkForm: nil, errors: [:], status: .ok)
    }

    static func renderShow(
        _ request: Request, employer: Employer, checkForm: CheckFormValues?, errors: [String: String], status: HTTPResponseStatus
    ) async throws -> Response {
        guard let employerID = employer.id else { throw AppError.notFound }
        let checks = request.employerCheckService
        let standings = try await checks.standings(of: employerID)
        let today = try request.application.clock.today()
        let history = try await checks.history(of: employerID)
        let (_, signals) = try await request.misuseSignalService().signals(of: employer)
        let workplaces = try await request.workplaceService.workplaces(of: employerID)
        let (places, placeCount) = try await PlaceDirectory(sql: try request.sql).page(
            .init(employerID: employerID), sort: PlaceDirectory.byStart,
            limit: 50, offset: 0)

        let page = ShowPage(
            name: employer.name, identifier: EmployerViews.identifierText(employer.identifier),
            registerKey: EmployerViews.registerKey(employer.identifier), sectorKey: "sector.\(employer.sector)",
            industry: employer.industry,
            employees: employer.employees.map(String.init) ?? "", isActive: employer.isActive,
            editHref: SiteURL.employerEdit(employerID).path, newWorkplaceHref: SiteURL.employerWorkplaceNew(employerID).path,
            checksAction: SiteURL.employerChecks(employerID).path, listHref: SiteURL.employers.path,
            signals: signals.map { SignalRow(labelKey: "signal.\($0.rawValue)", explanationKey: "signal.\($0.rawValue).explanation") },
            hasSignals: !signals.isEmpty,
            checks: standings.map { standing in
                let state = standing.standing.state(on: today)
                return CheckRow(
                    name: request.name(of: standing.type), stateKey: "check.state.\(state.rawValue)", state: state.rawValue,
                    checkedOn: standing.latest?.checkedOn ?? "", expiresOn: standing.latest?.expiresOn ?? "",
                    unionName: standing.latest?.unionName ?? "", isRequired: standing.type.isRequired)
            },
            history: history.map {
                HistoryRow(
                    name: request.name(of: $0.checkType), resultKey: "check.result.\($0.result)", checkedOn: $0.checkedOn,
                    expiresOn: $0.expiresOn ?? "", unionName: $0.unionName ?? "", note: $0.note,
                    recordedBy: $0.recordedBy?.displayName ?? "")
            },
            hasHistory: !history.isEmpty,
            checkTypes: standings.compactMap { standing in
                standing.type.id.map {
                    Choice(
                        value: $0.uuidString, label: request.name(of: standing.type), isSelected: $0.uuidString == checkForm?.checkTypeID)
                }
            },
            results: Choice.all(EmployerCheckResult.self, prefix: "check.result", selected: checkForm?.result),
            checkForm: checkForm ?? CheckFormValues(checkedOn: today.description),
            checkErrors: errors, hasCheckErrors: !errors.isEmpty,
            workplaces: workplaces.map {
                WorkplaceRow(
                    href: SiteURL.workplace($0.id).path, name: $0.name, label: $0.displayName,
                    address: $0.fullAddress,
                    district: $0.district, pNumber: $0.pNumber ?? "", isActive: $0.isActive)
            },
            places: places.map(placeRow), placeCount: placeCount,
            placesHref: SiteURL.places.path(query: ["employer": employerID.uuidString]))
        return try await request.render(
            "Employers/employer", page, layout: .init(request: request, titleKey: "employer.page-title", titleArgument: employer.name),
            status: status)
    }

    static func placeRow(_ row: PlaceDirectory.Row) -> PlaceRow {
        PlaceRow(
            href: SiteURL.place(row.id).path, title: row.title, workplace: row.workplace_address,
            period: row.period_start + " – " + row.period_end, capacity: row.capacity, statusKey: "place-status.\(row.status)",
            status: row.status)
    }
}
