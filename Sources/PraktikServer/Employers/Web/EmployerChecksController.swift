import Fluent
import PraktikCore
import Vapor

/// Recording employer checks (case workers) and configuring the checklist (admin).
enum EmployerChecksController {
    struct RecordForm: Content {
        var checkTypeID: String?
        var result: String?
        var checkedOn: String?
        var expiresOn: String?
        var unionName: String?
        var note: String?
    }

    @Sendable static func record(_ request: Request) async throws -> Response {
        let employer = try await request.employerService.find(request.idParameter)
        let form = try request.content.decode(RecordForm.self)
        let input = EmployerCheckService.RecordInput(
            checkTypeID: form.checkTypeID ?? "", result: form.result ?? "", checkedOn: form.checkedOn ?? "",
            expiresOn: form.expiresOn ?? "",
            unionName: form.unionName ?? "", note: form.note ?? "")
        do {
            _ = try await request.employerCheckService.record(for: employer, input, by: request.auditActor)
            return request.redirectShowingSaved(to: .employer(employer.id), fragment: "checks")
        } catch let errors as FormErrors {
            let values = EmployersController.CheckFormValues(
                checkTypeID: input.checkTypeID, result: input.result, checkedOn: input.checkedOn, expiresOn: input.expiresOn,
                unionName: input.unionName, note: input.note)
            return try await EmployersController.renderShow(
                request, employer: employer, checkForm: values, errors: errors.fields, status: errors.status)
        }
    }

    // MARK: Admin

    struct TypesPage: Encodable {
        let rows: [TypeRow]
        let errors: [String: String]
        let hasErrors: Bool
        let action: String
        let form: TypeFormValues
    }

    struct TypeRow: Encodable {
        let action: String
        let id: String
        let key: String
        /// In the reader's language, for the heading.
        let name: String
        let nameSwedish: String
        let nameEnglish: String
        let nameDanish: String
        let validityDays: String
        let isRequired: Bool
        let needsUnion: Bool
        let isActive: Bool
        let position: Int
    }

    struct TypeFormValues: Encodable {
        var key = ""
        var nameSwedish = ""
        var nameEnglish = ""
        var nameDanish = ""
        var validityDays = ""
        var isRequired = true
        var needsUnion = false
    }

    struct TypeForm: Content {
        var key: String?
        var nameSwedish: String?
        var nameEnglish: String?
        var nameDanish: String?
        var validityDays: String?
        var isRequired: String?
        var needsUnion: String?
        var isActive: String?
        var position: String?

        var input: EmployerCheckService.TypeInput {
            .init(
                key: key ?? "", nameSwedish: nameSwedish ?? "", nameEnglish: nameEnglish ?? "", nameDanish: nameDanish ?? "",
                validityDays: validityDays ?? "",
                isRequired: isRequired == "on", needsUnion: needsUnion == "on", isActive: isActive == "on", position: position ?? "")
        }
    }

    @Sendable static func types(_ request: Request) async throws -> Response {
        try await renderTypes(request, form: TypeFormValues(), errors: [:], status: .ok)
    }

    @Sendable static func createType(_ request: Request) async throws -> Response {
        let form = try request.content.decode(TypeForm.self)
        var input = form.input
        input.isActive = true
        do {
            _ = try await request.employerCheckService.saveType(nil, input, by: request.auditActor)
            return request.redirectShowingSaved(to: .adminCheckTypes)
        } catch let errors as FormErrors {
            let values = TypeFormValues(
                key: input.key, nameSwedish: input.nameSwedish, nameEnglish: input.nameEnglish, nameDanish: input.nameDanish,
                validityDays: input.validityDays,
                isRequired: input.isRequired, needsUnion: input.needsUnion)
            return try await renderTypes(request, form: values, errors: errors.fields, status: errors.status)
        }
    }

    @Sendable static func updateType(_ request: Request) async throws -> Response {
        let type = try await request.employerCheckService.type(request.idParameter)
        let form = try request.content.decode(TypeForm.self)
        do {
            _ = try await request.employerCheckService.saveType(type, form.input, by: request.auditActor)
            return request.redirectShowingSaved(to: .adminCheckTypes)
        } catch let errors as FormErrors {
            return try await renderTypes(request, form: TypeFormValues(), errors: errors.fields, status: errors.status)
        }
    }

    private static func renderTypes(_ request: Request, form: TypeFormValues, errors: [String: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let types = try await request.employerCheckService.types(includingInactive: true)
        let page = TypesPage(
            rows: types.map {
                TypeRow(
                    action: SiteURL.adminCheckType($0.id).path, id: $0.id?.uuidString ?? "", key: $0.key, name: request.name(of: $0),
                    nameSwedish: $0.nameSwedish, nameEnglish: $0.nameEnglish, nameDanish: $0.nameDanish ?? "",
                    validityDays: $0.validityDays.map(String.init) ?? "", isRequired: $0.isRequired,
                    needsUnion: $0.needsUnion, isActive: $0.isActive, position: $0.position)
            },
            errors: errors, hasErrors: !errors.isEmpty, action: SiteURL.adminCheckTypes.path, form: form)
        return try await request.render(
            "Employers/check-types", page, layout: .init(request: request, titleKey: "check-types.title"), status: status)
    }
}
