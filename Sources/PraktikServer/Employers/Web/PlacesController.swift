import Fluent
import PraktikCore
import SQLKit
import Vapor

/// The case worker's pages for internship places: the city-wide list, the place's page with its
/// "may it be used now?" answer, the form, and approving or closing.
enum PlacesController {
    /// The place list's page for `PlaceListView`: the rows as the directory read them, whose links and
    /// labels the view writes once per page where it can (`RecordLink`, `ValueLabels`).
    struct ListPage {
        let rows: [PlaceDirectory.ListRow]
        let list: ListQuery
        let search: String
        let statuses: [Choice]
        let regimes: [Choice]
        let units: [Choice]
        let districts: [Choice]
        let employerID: String
        let headers: [ListQuery.SortLink]
        let proposedHref: String
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let search = request.query("q"), statusText = request.query("status"), regimeText = request.query("regime")
        let unitText = request.query("unit"), district = request.query("district"), employerText = request.query("employer")
        var list = ListQuery(
            request, url: .places,
            filters: [
                "q": search, "status": statusText, "regime": regimeText, "unit": unitText, "district": district, "employer": employerText,
            ],
            sort: (PlaceDirectory.sortColumns, "start"))
        let sql = try request.sql
        let filter = PlaceDirectory.Filter(
            search: search, status: PlaceStatus(rawValue: statusText), regime: PlaceRegime(rawValue: regimeText),
            unitID: UUID(uuidString: unitText), district: district, employerID: UUID(uuidString: employerText))
        let directory = PlaceDirectory(sql: sql)
        let (rows, total, choices) = try await directory.listPage(
            filter, sort: list.sort, limit: list.limit, offset: list.offset, cache: request.application.placeFilterChoices)
        list.total = total
        let page = ListPage(
            rows: rows,
            list: list, search: search,
            statuses: Choice.all(PlaceStatus.self, prefix: "place-status", selected: statusText),
            regimes: Choice.all(PlaceRegime.self, prefix: "regime", selected: regimeText),
            units: choices.units.map { Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id.uuidString == unitText) },
            districts: choices.districts.map { Choice(value: $0, label: $0, isSelected: $0 == district) },
            employerID: employerText,
            headers: list.sortLinks([
                ("title", "place.title"), ("employer", "place.employer"), ("district", "workplace.district"), ("start", "place.period"),
                ("capacity", "place.capacity"), ("status", "place.status"), ("unit", "place.unit"),
            ]),
            proposedHref: SiteURL.places.path(query: ["status": PlaceStatus.proposed.rawValue]))
        return request.render(view: { PlaceListView.body(page, $1, into: &$0) }, layout: Layout(request: request, titleKey: "places.title"))
    }

    // MARK: Form

    struct FormPage: Encodable {
        let isNew: Bool
        let action: String
        let cancelHref: String
        let heading: String
        let form: Values
        let regimes: [Choice]
        let units: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let isEmployer: Bool
    }

    /// The form under `form`, as the portal's place page nests it, so both share `place-fields`.
    struct FormWrapper: Encodable {
        let form: FormPage
    }

    struct Values: Encodable {
        var title = ""
        var occupationField = ""
        var tasks = ""
        var capacity = "1"
        var periodStart = ""
        var periodEnd = ""
        var hoursPerWeek = "40"
        var languageRequirement = ""
        var remotePossible = false
        var regime = PlaceRegime.external.rawValue
        var unitID = ""
    }

    struct PlaceForm: Content {
        var title: String?
        var occupationField: String?
        var tasks: String?
        var capacity: String?
        var periodStart: String?
        var periodEnd: String?
        var hoursPerWeek: String?
        var languageRequirement: String?
        var remotePossible: String?
        var regime: String?
        var unitID: String?

        var input: PlaceInput {
            PlaceInput(
                title: title ?? "", occupationField: occupationField ?? "", tasks: tasks ?? "", capacity: capacity ?? "",
                periodStart: periodStart ?? "", periodEnd: periodEnd ?? "", hoursPerWeek: hoursPerWeek ?? "",
                languageRequirement: languageRequirement ?? "", remotePossible: remotePossible == "on", regime: regime ?? "",
                unitID: unitID ?? "")
        }

        var values: Values {
            let input = self.input
            return Values(
                title: input.title, occupationField: input.occupationField, tasks: input.tasks, capacity: input.capacity,
                periodStart: input.periodStart, periodEnd: input.periodEnd, hoursPerWeek: input.hoursPerWeek,
                languageRequirement: input.languageRequirement, remotePossible: input.remotePossible, regime: input.regime,
                unitID: input.unitID)
        }
    }

    static func values(of place: Place) -> Values {
        Values(
            title: place.title, occupationField: place.occupationField, tasks: place.tasks, capacity: String(place.capacity),
            periodStart: place.periodStart, periodEnd: place.periodEnd, hoursPerWeek: String(place.hoursPerWeek),
            languageRequirement: place.languageRequirement, remotePossible: place.remotePossible, regime: place.regime,
            unitID: place.$unit.id.uuidString)
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        let workplace = try await request.workplaceService.find(request.idParameter)
        var values = Values()
        values.unitID = request.currentUser?.unitID?.uuidString ?? ""
        return try await renderForm(
            request, heading: workplace.displayName, place: nil,
            action: SiteURL.workplacePlaces(workplace.id).path, cancelHref: SiteURL.workplace(workplace.id).path,
            values: values, errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let workplace = try await request.workplaceService.find(request.idParameter)
        let form = try request.content.decode(PlaceForm.self)
        do {
            let place = try await request.placeService.create(at: workplace, form.input, as: .staff, by: request.auditActor)
            return request.redirectShowingSaved(to: .place(place.id))
        } catch let errors as FormErrors {
            return try await renderForm(
                request, heading: workplace.displayName, place: nil,
                action: SiteURL.workplacePlaces(workplace.id).path, cancelHref: SiteURL.workplace(workplace.id).path,
                values: form.values, errors: errors.fields, status: errors.status)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let place = try await request.placeService.find(request.idParameter)
        return try await renderForm(
            request, heading: place.title, place: place, action: SiteURL.place(place.id).path, cancelHref: SiteURL.place(place.id).path,
            values: values(of: place), errors: [:], status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let place = try await request.placeService.find(request.idParameter)
        let form = try request.content.decode(PlaceForm.self)
        do {
            try await request.placeService.update(place, with: form.input, as: .staff, by: request.auditActor)
            return request.redirectShowingSaved(to: .place(place.id))
        } catch let errors as FormErrors {
            return try await renderForm(
                request, heading: place.title, place: place, action: SiteURL.place(place.id).path, cancelHref: SiteURL.place(place.id).path,
                values: form.values, errors: errors.fields, status: errors.status)
        }
    }

    static func renderForm(
        _ request: Request, heading: String, place: Place?, action: String, cancelHref: String, values: Values, errors: [String: String],
        status: HTTPResponseStatus, isEmployer: Bool = false
    ) async throws -> Response {
        let page = FormPage(
            isNew: place == nil, action: action, cancelHref: cancelHref, heading: heading, form: values,
            regimes: Choice.all(PlaceRegime.self, prefix: "regime", selected: values.regime),
            units: try await UnitService(database: request.db).list().map {
                Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id.uuidString == values.unitID)
            },
            errors: errors, hasErrors: !errors.isEmpty, isEmployer: isEmployer)
        return try await request.render(
            "Employers/place-form", FormWrapper(form: page),
            layout: .init(request: request, titleKey: place == nil ? "place.new.title" : "place.edit.title", titleArgument: heading),
            status: status)
    }
}
