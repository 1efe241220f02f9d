import Fluent
import PraktikCore
import SQLKit
import Vapor

/// The case worker's employer register: list, search, register, change, and the employer's page.
enum EmployersController {
    struct ListPage: Encodable {
        let rows: [Row]
        let list: ListQuery
        let search: String
        let sectors: [Choice]
        let districts: [Choice]
        let includeInactive: Bool
        let headers: [ListQuery.SortLink]
        let newHref: String
        let importHref: String
        let exportHref: String
    }

    struct Row: Encodable {
        let href: String
        let name: String
        let identifier: String
        let sectorKey: String
        let industry: String
        let employees: String
        let workplaces: Int
        let openPlaces: Int
        let isActive: Bool
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let search = request.query("q"), sectorText = request.query("sector"), district = request.query("district")
        let includeInactive = request.query("inactive") == "on"
        var list = ListQuery(
            request, url: .employers,
            filters: ["q": search, "sector": sectorText, "district": district, "inactive": includeInactive ? "on" : ""],
            sort: (EmployerDirectory.sortColumns, "name"))
        let directory = EmployerDirectory(sql: try request.sql)
        let filter = EmployerDirectory.Filter(
            search: search, sector: EmployerSector(rawValue: sectorText), district: district, includeInactive: includeInactive)
        let (rows, total) = try await directory.page(filter, sort: list.sort, limit: list.limit, offset: list.offset)
        list.total = total
        let page = ListPage(
            rows: rows.map {
                Row(
                    href: SiteURL.employer($0.id).path, name: $0.name, identifier: EmployerViews.identifierText($0.identifier),
                    sectorKey: "sector.\($0.sector)", industry: $0.industry, employees: $0.employees.map(String.init) ?? "",
                    workplaces: $0.workplaces, openPlaces: $0.open_places, isActive: $0.is_active)
            },
            list: list, search: search,
            sectors: Choice.all(EmployerSector.self, prefix: "sector", selected: sectorText),
            districts: try await directory.districts().map { Choice(value: $0, label: $0, isSelected: $0 == district) },
            includeInactive: includeInactive,
            headers: list.sortLinks([
                ("name", "employer.name"), ("sector", "employer.sector"), ("industry", "employer.industry"),
                ("employees", "employer.employees"), ("workplaces", "employer.workplaces"), ("places", "employer.open-places"),
            ]),
            newHref: SiteURL.employerNew.path, importHref: SiteURL.employerImport.path,
            exportHref: list.link(to: .employerExport, keepingSort: false))
        return try await request.render("Employers/employers", page, layout: .init(request: request, titleKey: "employers.title"))
    }

    // MARK: Form

    struct FormPage: Encodable {
        let isNew: Bool
        let action: String
        let cancelHref: String
        let name: String
        let registers: [Choice]
        let country: String
        let number: String
        let sectors: [Choice]
        let industry: String
        let employees: String
        let isActive: Bool
        let errors: [String: String]
        let hasErrors: Bool
        let duplicateHref: String
        let duplicateName: String
        let hasDuplicate: Bool
    }

    struct EmployerForm: Content {
        var name: String?
        var register: String?
        var country: String?
        var number: String?
        var sector: String?
        var industry: String?
        var employees: String?
        var isActive: String?

        var input: EmployerInput {
            EmployerInput(
                name: name ?? "", register: register ?? "se", country: country ?? "", number: number ?? "", sector: sector ?? "",
                industry: industry ?? "", employees: employees ?? "", isActive: isActive == "on")
        }
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        try await renderForm(
            request, employer: nil, form: EmployerForm(register: "se", isActive: "on"), errors: [:], duplicate: nil, status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(EmployerForm.self)
        do {
            var input = form.input
            input.isActive = true
            let employer = try await request.employerService.create(input, by: request.auditActor)
            return request.redirectShowingSaved(to: .employer(employer.id))
        } catch let errors as FormErrors {
            return try await renderForm(request, employer: nil, form: form, errors: errors.fields, duplicate: nil, status: errors.status)
        } catch let duplicate as DuplicateEmployer {
            return try await renderForm(
                request, employer: nil, form: form, errors: ["number": "employer.duplicate"], duplicate: duplicate, status: .conflict)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let employer = try await request.employerService.find(request.idParameter)
        try await request.employerService.recordFormView(of: employer, by: request.auditActor)
        let identifier = employer.employerIdentifier
        let register: String
        var country = ""
        switch identifier?.kind {
        case .danishCVR?: register = "dk"
        case .foreign(let code)?:
            register = "foreign"
            country = code
        default: register = "se"
        }
        let form = EmployerForm(
            name: employer.name, register: register, country: country, number: identifier?.formatted ?? employer.identifier,
            sector: employer.sector, industry: employer.industry, employees: employer.employees.map(String.init),
            isActive: employer.isActive ? "on" : nil)
        return try await renderForm(request, employer: employer, form: form, errors: [:], duplicate: nil, status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let employer = try await request.employerService.find(request.idParameter)
        let form = try request.content.decode(EmployerForm.self)
        do {
            try await request.employerService.update(employer, with: form.input, by: request.auditActor)
            return request.redirectShowingSaved(to: .employer(employer.id))
        } catch let errors as FormErrors {
            return try await renderForm(
                request, employer: employer, form: form, errors: errors.fields, duplicate: nil, status: errors.status)
        } catch let duplicate as DuplicateEmployer {
            return try await renderForm(
                request, employer: employer, form: form, errors: ["number": "employer.duplicate"], duplicate: duplicate, status: .conflict)
        }
    }

    private static func renderForm(
        _ request: Request, employer: Employer?, form: EmployerForm, errors: [String: String], duplicate: DuplicateEmployer?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let register = form.register ?? "se"
        let page = FormPage(
            isNew: employer == nil,
            action: employer == nil ? SiteURL.employers.path : SiteURL.employer(employer?.id).path,
            cancelHref: employer == nil ? SiteURL.employers.path : SiteURL.employer(employer?.id).path,
            name: form.name ?? "",
            registers: ["se", "dk", "foreign"].map { Choice(value: $0, labelKey: "employer.register.\($0)", isSelected: $0 == register) },
            country: form.country ?? "", number: form.number ?? "",
            sectors: Choice.all(EmployerSector.self, prefix: "sector", selected: form.sector),
            industry: form.industry ?? "", employees: form.employees ?? "", isActive: form.isActive == "on",
            errors: errors, hasErrors: !errors.isEmpty,
            duplicateHref: duplicate.map { SiteURL.employer($0.existingID).path } ?? "",
            duplicateName: duplicate?.existingName ?? "", hasDuplicate: duplicate != nil)
        return try await request.render(
            "Employers/employer-form", page,
            layout: .init(
                request: request, titleKey: employer == nil ? "employer.new.title" : "employer.edit.title",
                titleArgument: employer?.name ?? ""),
            status: status)
    }
}
