import Fluent
import Foundation
import PraktikCore
import Vapor

/// The admin's list of programmes and the form to add one.
enum ProgrammesController {
    struct Page: Encodable {
        struct Row: Encodable {
            let code: String
            let name: String
            let kindKey: String
            let unit: String
            let placementMonths: Int
        }

        let rows: [Row]
        let action: String
        let form: [String: String]
        let kinds: [Choice]
        let units: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
    }

    struct Form: Content {
        var code: String?
        var name: String?
        var kind: String?
        var unitID: String?
        var placementMonths: String?
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await render(request, form: Form(placementMonths: "4"), errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        do {
            _ = try await ProgrammeService(database: request.db, clock: request.application.clock, actor: request.auditActor).create(
                .init(
                    code: form.code ?? "", name: form.name ?? "", kind: form.kind ?? "",
                    unitID: form.unitID.flatMap(UUID.init(uuidString:)),
                    placementMonths: form.placementMonths ?? ""))
        } catch let errors as FormErrors {
            return try await render(request, form: form, errors: errors.fields, status: errors.status)
        }
        return request.redirectShowingSaved(to: .adminProgrammes)
    }

    private static func render(_ request: Request, form: Form, errors: [String: String], status: HTTPResponseStatus) async throws
        -> Response
    {
        let programmes = try await Programme.query(on: request.db).with(\.$unit).sort(\.$name).all()
        let page = Page(
            rows: programmes.map {
                Page.Row(
                    code: $0.code, name: $0.name, kindKey: "programme-kind.\($0.kind)", unit: $0.unit.name,
                    placementMonths: $0.placementMonths)
            },
            action: SiteURL.adminProgrammes.path,
            form: ["code": form.code ?? "", "name": form.name ?? "", "placementMonths": form.placementMonths ?? ""],
            kinds: Choice.all(ProgrammeKind.self, prefix: "programme-kind", selected: form.kind),
            units: try await UnitService(database: request.db).list().map {
                Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id.uuidString == form.unitID)
            },
            errors: errors, hasErrors: !errors.isEmpty)
        return try await request.render(
            "Intake/programmes", page, layout: .init(request: request, titleKey: "programmes.title"), status: status)
    }
}
