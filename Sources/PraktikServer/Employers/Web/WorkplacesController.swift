import Fluent
import PraktikCore
import SQLKit
import Vapor

/// The case worker's pages for an employer's workplaces and the contacts who speak for them.
enum WorkplacesController {
    struct FormPage: Encodable {
        let isNew: Bool
        let action: String
        let cancelHref: String
        let employerName: String
        let form: Values
        let showActive: Bool
        let errors: [String: String]
        let hasErrors: Bool
    }

    struct Values: Encodable {
        var name = ""
        var address = ""
        var postalCode = ""
        var city = ""
        var district = ""
        var pNumber = ""
        var isActive = true
    }

    struct WorkplaceForm: Content {
        var name: String?
        var address: String?
        var postalCode: String?
        var city: String?
        var district: String?
        var pNumber: String?
        var isActive: String?

        var input: WorkplaceInput {
            WorkplaceInput(
                name: name ?? "", address: address ?? "", postalCode: postalCode ?? "", city: city ?? "", district: district ?? "",
                pNumber: pNumber ?? "", isActive: isActive == "on")
        }

        var values: Values {
            Values(
                name: name ?? "", address: address ?? "", postalCode: postalCode ?? "", city: city ?? "", district: district ?? "",
                pNumber: pNumber ?? "", isActive: isActive == "on")
        }
    }

    static func values(of workplace: Workplace) -> Values {
        Values(
            name: workplace.name, address: workplace.address, postalCode: workplace.postalCode, city: workplace.city,
            district: workplace.district, pNumber: workplace.pNumber ?? "", isActive: workplace.isActive)
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        let employer = try await request.employerService.find(request.idParameter)
        return try await renderForm(
            request, employer: employer, workplace: nil, values: Values(city: "Stockholm"), errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let employer = try await request.employerService.find(request.idParameter)
        let form = try request.content.decode(WorkplaceForm.self)
        do {
            let workplace = try await request.workplaceService.create(for: employer, form.input, by: request.auditActor)
            return request.redirectShowingSaved(to: .workplace(workplace.id))
        } catch let errors as FormErrors {
            return try await renderForm(
                request, employer: employer, workplace: nil, values: form.values, errors: errors.fields, status: errors.status)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let workplace = try await request.workplaceService.find(request.idParameter)
        let employer = try await request.employerService.find(workplace.$employer.id)
        return try await renderForm(
            request, employer: employer, workplace: workplace, values: values(of: workplace), errors: [:], status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let workplace = try await request.workplaceService.find(request.idParameter)
        let employer = try await request.employerService.find(workplace.$employer.id)
        let form = try request.content.decode(WorkplaceForm.self)
        do {
            try await request.workplaceService.update(workplace, with: form.input, by: request.auditActor)
            return request.redirectShowingSaved(to: .workplace(workplace.id))
        } catch let errors as FormErrors {
            return try await renderForm(
                request, employer: employer, workplace: workplace, values: form.values, errors: errors.fields, status: errors.status)
        }
    }

    static func renderForm(
        _ request: Request, employer: Employer, workplace: Workplace?, values: Values, errors: [String: String], status: HTTPResponseStatus,
        action: String? = nil, cancelHref: String? = nil, showActive: Bool = true
    ) async throws -> Response {
        let page = FormPage(
            isNew: workplace == nil,
            action: action ?? (workplace == nil ? SiteURL.employerWorkplaces(employer.id).path : SiteURL.workplace(workplace?.id).path),
            cancelHref: cancelHref ?? (workplace == nil ? SiteURL.employer(employer.id).path : SiteURL.workplace(workplace?.id).path),
            employerName: employer.name, form: values, showActive: showActive && workplace != nil,
            errors: errors, hasErrors: !errors.isEmpty)
        return try await request.render(
            "Employers/workplace-form", page,
            layout: .init(
                request: request, titleKey: workplace == nil ? "workplace.new.title" : "workplace.edit.title", titleArgument: employer.name),
            status: status)
    }

    // MARK: The workplace's page

    struct ShowPage: Encodable {
        let employerName: String
        let employerHref: String
        let name: String
        let heading: String
        let address: String
        let district: String
        let pNumber: String
        let isActive: Bool
        let editHref: String
        let newPlaceHref: String
        let contactsAction: String
        let contacts: [ContactRow]
        let contactForm: ContactValues
        let contactErrors: [String: String]
        let hasContactErrors: Bool
        let places: [EmployersController.PlaceRow]
    }

    struct ContactRow: Encodable {
        let name: String
        let email: String
        let phone: String
        let jobTitle: String
        let removeAction: String
    }

    struct ContactValues: Encodable {
        var email = ""
        var phone = ""
        var jobTitle = ""
    }

    struct ContactForm: Content {
        var email: String?
        var phone: String?
        var jobTitle: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let workplace = try await request.workplaceService.find(request.idParameter)
        return try await renderShow(request, workplace: workplace, contactForm: ContactValues(), errors: [:], status: .ok)
    }

    @Sendable static func addContact(_ request: Request) async throws -> Response {
        let workplace = try await request.workplaceService.find(request.idParameter)
        let form = try request.content.decode(ContactForm.self)
        do {
            try await WorkplaceContactService(database: request.db, clock: request.application.clock)
                .link(
                    email: form.email ?? "", phone: form.phone ?? "", jobTitle: form.jobTitle ?? "", to: workplace, by: request.auditActor)
            return request.redirectShowingSaved(to: .workplace(workplace.id), fragment: "contacts")
        } catch let errors as FormErrors {
            let values = ContactValues(email: form.email ?? "", phone: form.phone ?? "", jobTitle: form.jobTitle ?? "")
            return try await renderShow(request, workplace: workplace, contactForm: values, errors: errors.fields, status: errors.status)
        }
    }

    @Sendable static func removeContact(_ request: Request) async throws -> Response {
        let workplaceID = try await WorkplaceContactService(database: request.db, clock: request.application.clock)
            .unlink(request.idParameter, by: request.auditActor)
        return request.redirectShowingSaved(to: .workplace(workplaceID), fragment: "contacts")
    }

    private static func renderShow(
        _ request: Request, workplace: Workplace, contactForm: ContactValues, errors: [String: String], status: HTTPResponseStatus
    ) async throws -> Response {
        guard let workplaceID = workplace.id else { throw AppError.notFound }
        let employer = try await request.employerService.find(workplace.$employer.id)
        let contacts = try await WorkplaceContactService(database: request.db, clock: request.application.clock).contacts(of: workplaceID)
        if !contacts.isEmpty {
            try await request.auditLog().record(
                .view, by: request.auditActor, recordType: .workplaceContacts, recordID: workplaceID, detail: "count=\(contacts.count)")
        }
        let (places, _) = try await PlaceDirectory(sql: try request.sql).page(
            .init(workplaceID: workplaceID), sort: PlaceDirectory.byStart,
            limit: 200, offset: 0)
        let page = ShowPage(
            employerName: employer.name, employerHref: SiteURL.employer(employer.id).path,
            name: workplace.name, heading: workplace.displayName,
            address: workplace.fullAddress,
            district: workplace.district, pNumber: workplace.pNumber ?? "", isActive: workplace.isActive,
            editHref: SiteURL.workplaceEdit(workplaceID).path, newPlaceHref: SiteURL.workplacePlaceNew(workplaceID).path,
            contactsAction: SiteURL.workplaceContacts(workplaceID).path,
            contacts: contacts.map {
                ContactRow(
                    name: $0.display_name, email: $0.email, phone: $0.phone, jobTitle: $0.job_title,
                    removeAction: SiteURL.workplaceContactRemove($0.id).path)
            },
            contactForm: contactForm, contactErrors: errors, hasContactErrors: !errors.isEmpty,
            places: places.map(EmployersController.placeRow))
        return try await request.render(
            "Employers/workplace", page,
            layout: .init(
                request: request, titleKey: "workplace.page-title",
                titleArgument: workplace.displayName), status: status)
    }
}
