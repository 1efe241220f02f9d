import Fluent
import Vapor

/// The admin's pages for units.
enum UnitsController {
    struct ListPage: Encodable {
        let rows: [Row]
        let kinds: [Choice]
        let form: FormValues
        let errors: [String: String]
        let hasErrors: Bool
        let action: String
    }

    struct Row: Encodable {
        let href: String
        let name: String
        let code: String
        let kindKey: String
        let isActive: Bool
        let people: Int
    }

    struct FormValues: Encodable {
        var id: String = ""
        var name: String = ""
        var code: String = ""
        var kind: String = UnitKind.jobCentre.rawValue
        var isActive: Bool = true
    }

    struct EditPage: Encodable {
        let form: FormValues
        let kinds: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let action: String
        let listHref: String
    }

    struct UnitForm: Decodable {
        var name: String?
        var code: String?
        var kind: String?
        var isActive: String?

        var input: UnitService.Input {
            .init(name: name ?? "", code: code ?? "", kind: kind.flatMap(UnitKind.init(rawValue:)), isActive: isActive == "on")
        }

        var values: FormValues {
            FormValues(name: name ?? "", code: code ?? "", kind: kind ?? "", isActive: isActive == "on")
        }
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await renderList(request, form: FormValues(), errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(UnitForm.self)
        do {
            _ = try await UnitService(database: request.db).save(form.input, existing: nil)
            return request.redirect(to: SiteURL.adminUnits.path)
        } catch let errors as FormErrors {
            return try await renderList(request, form: form.values, errors: errors.fields, status: errors.status)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let unit = try await findUnit(request)
        let values = FormValues(id: unit.id?.uuidString ?? "", name: unit.name, code: unit.code, kind: unit.kind, isActive: unit.isActive)
        return try await renderEdit(request, values: values, errors: [:], status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let unit = try await findUnit(request)
        let form = try request.content.decode(UnitForm.self)
        do {
            _ = try await UnitService(database: request.db).save(form.input, existing: unit)
            return request.redirectShowingSaved(to: .adminUnit(unit.id))
        } catch let errors as FormErrors {
            var values = form.values
            values.id = unit.id?.uuidString ?? ""
            return try await renderEdit(request, values: values, errors: errors.fields, status: errors.status)
        }
    }

    private static func findUnit(_ request: Request) async throws -> OrganisationUnit {
        try await UnitService(database: request.db).find(request.idParameter)
    }

    private static func renderList(_ request: Request, form: FormValues, errors: [String: String], status: HTTPResponseStatus) async throws
        -> Response
    {
        let page = ListPage(
            rows: try await UnitService(database: request.db).list().map {
                Row(
                    href: SiteURL.adminUnit($0.id).path, name: $0.name, code: $0.code, kindKey: "unit-kind.\($0.kind)",
                    isActive: $0.is_active, people: $0.people)
            },
            kinds: Choice.all(UnitKind.self, prefix: "unit-kind", selected: form.kind), form: form, errors: errors,
            hasErrors: !errors.isEmpty,
            action: SiteURL.adminUnits.path)
        return try await request.render("Admin/units", page, layout: .init(request: request, titleKey: "units.title"), status: status)
    }

    private static func renderEdit(_ request: Request, values: FormValues, errors: [String: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let page = EditPage(
            form: values, kinds: Choice.all(UnitKind.self, prefix: "unit-kind", selected: values.kind), errors: errors,
            hasErrors: !errors.isEmpty, action: SiteURL.adminUnit(UUID(uuidString: values.id)).path, listHref: SiteURL.adminUnits.path)
        return try await request.render(
            "Admin/unit-form", page, layout: .init(request: request, titleKey: "units.edit.title", titleArgument: values.name),
            status: status)
    }
}
