import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The public application portal: open intakes, the form in steps, the receipt. No account is
/// needed; submissions are throttled per client address and a honeypot field catches bots.
enum ApplyController {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let name: String
            let programmeName: String
            let href: String
            let opensOn: String
            let closesOn: String
            let placementStart: String
            let placementEnd: String
            let isPilot: Bool
        }

        let open: [Row]
        let coming: [Row]
        let hasOpen: Bool
        let hasComing: Bool
        let statusHref: String
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let (open, coming) = try await IntakeDirectory(sql: try request.sql).publicIntakes(today: try request.application.clock.today())
        func row(_ intake: IntakeDirectory.PublicRow) -> ListPage.Row {
            ListPage.Row(
                name: intake.name, programmeName: intake.programme_name, href: SiteURL.applyIntake(intake.id).path,
                opensOn: date(intake.opens_on, request), closesOn: date(intake.closes_on, request),
                placementStart: date(intake.placement_start, request), placementEnd: date(intake.placement_end, request),
                isPilot: intake.is_pilot)
        }
        let page = ListPage(
            open: open.map(row), coming: coming.map(row), hasOpen: !open.isEmpty, hasComing: !coming.isEmpty,
            statusHref: SiteURL.applicationStatusRequest.path)
        return try await request.render("Intake/apply-list", page, layout: .init(request: request, titleKey: "apply.title"))
    }

    static func date(_ text: String, _ request: Request) -> String {
        CivilDate(iso8601: text).map { ApplicantMessages.dateText($0, in: request.language) } ?? text
    }

    struct ClosedPage: Encodable {
        let intakeName: String
        let messageKey: String
        let opensOn: String
        let listHref: String
    }

    @Sendable static func form(_ request: Request) async throws -> Response {
        let intake = try await publicIntake(request)
        if let refusal = try ApplicationService.refusal(of: intake, today: try request.application.clock.today()) {
            return try await closed(request, intake, refusal, status: refusal == .closed ? .gone : .ok)
        }
        return try await renderStep(
            request, intake: intake, step: .aboutYou, input: ApplicationInput(), submissionKey: SecretToken.generate(), errors: [:],
            status: .ok)
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        let intake = try await publicIntake(request)
        let form = try request.content.decode(ApplyForm.self)
        let today = try request.application.clock.today()
        if let refusal = try ApplicationService.refusal(of: intake, today: today) {
            return try await closed(request, intake, refusal, status: .conflict)
        }
        let input = form.input
        var key = form.submissionKey ?? ""
        if key.isEmpty || key.count > 100 { key = SecretToken.generate() }
        guard let step = form.step.flatMap(ApplicationStep.init(rawValue:)) else {
            return try await renderStep(
                request, intake: intake, step: .aboutYou, input: input, submissionKey: key, errors: [:], status: .ok)
        }
        let context = try await formContext(request, intake: intake)
        switch form.action {
        case "back":
            return try await renderStep(
                request, intake: intake, step: step.previous ?? step, input: input, submissionKey: key, errors: [:], status: .ok)
        case "submit" where step == .consent:
            // A filled honeypot: answer as for a real application and store nothing.
            if !(form.website ?? "").isEmpty { return request.redirect(to: SiteURL.applyReceived.path) }
            let throttle = PublicFormThrottle(
                database: request.db, clock: request.application.clock,
                maximumPerHour: request.application.settings.applicationsPerAddressPerHour)
            if let wait = try await throttle.retryAfter(for: request.clientAddress) {
                let response = try await renderStep(
                    request, intake: intake, step: step, input: input, submissionKey: key, errors: [:], status: .tooManyRequests,
                    throttledSeconds: wait)
                response.headers.replaceOrAdd(name: "Retry-After", value: String(wait))
                return response
            }
            try await throttle.record(request.clientAddress)
            switch input.validated(context: context) {
            case .failure(let failure):
                return try await renderStep(
                    request, intake: intake, step: failure.step, input: input, submissionKey: key, errors: failure.errors.fields,
                    status: .badRequest)
            case .success(let valid):
                do {
                    let outcome = try await service(request).submit(
                        valid, to: intake, submissionKey: key, language: request.language, actor: applicantActor(request))
                    if case .refused(let refusal) = outcome { return try await closed(request, intake, refusal, status: .conflict) }
                } catch let errors as FormErrors {
                    return try await renderStep(
                        request, intake: intake, step: .consent, input: input, submissionKey: key, errors: errors.fields,
                        status: .badRequest)
                }
                await request.deliverMail()
                return request.redirect(to: SiteURL.applyReceived.path)
            }
        default:
            let errors = input.problems(in: step, context: context)
            if !errors.isEmpty {
                return try await renderStep(
                    request, intake: intake, step: step, input: input, submissionKey: key, errors: errors.fields, status: .badRequest)
            }
            return try await renderStep(
                request, intake: intake, step: step.next ?? step, input: input, submissionKey: key, errors: [:], status: .ok)
        }
    }

    struct ReceivedPage: Encodable {
        let statusHref: String
        let listHref: String
    }

    @Sendable static func received(_ request: Request) async throws -> Response {
        try await request.render(
            "Intake/apply-received", ReceivedPage(statusHref: SiteURL.applicationStatusRequest.path, listHref: SiteURL.apply.path),
            layout: .init(request: request, titleKey: "apply.received.title"))
    }

    // MARK: Helpers

    /// Any intake by id, as the public sees it: name and dates are public.
    static func publicIntake(_ request: Request) async throws -> Intake {
        guard let id = request.idParameter,
            let intake = try await Intake.query(on: request.db).filter(\.$id == id).with(\.$programme).first()
        else {
            throw AppError.notFound
        }
        return intake
    }

    static func applicantActor(_ request: Request) -> AuditLog.Actor {
        AuditLog.Actor(userID: nil, role: "applicant", clientAddress: request.clientAddress)
    }

    static func messages(_ request: Request) -> ApplicantMessages {
        ApplicantMessages(
            database: request.db, clock: request.application.clock, translations: request.application.translations,
            publicURL: request.application.settings.publicURL)
    }

    static func service(_ request: Request) -> ApplicationService {
        ApplicationService(database: request.db, clock: request.application.clock, messages: messages(request))
    }

    static func formContext(_ request: Request, intake: Intake) async throws -> ApplicationFormContext {
        let purposes = try await ConsentService(database: request.db, clock: request.application.clock).purposes()
        let offered = Set(ApplicationService.consentPurposes.map(\.rawValue))
        return ApplicationFormContext(
            today: try request.application.clock.today(),
            districts: Set(try await IntakeDirectory(sql: try request.sql).districts(forUnit: intake.programme.$unit.id)),
            consentPurposes: Dictionary(
                purposes.filter { offered.contains($0.code) }.map { ($0.code, $0.text_version) }, uniquingKeysWith: max),
            requiredConsents: ApplicationService.requiredConsents)
    }

    static func renderStep(
        _ request: Request, intake: Intake, step: ApplicationStep, input: ApplicationInput, submissionKey: String, errors: [String: String],
        status: HTTPResponseStatus, throttledSeconds: Int? = nil
    ) async throws -> Response {
        let page = ApplyPage(
            .init(
                intake: intake, programme: intake.programme, step: step, input: input, submissionKey: submissionKey, errors: errors,
                districts: try await IntakeDirectory(sql: try request.sql).districts(forUnit: intake.programme.$unit.id),
                purposes: try await ConsentService(database: request.db, clock: request.application.clock).purposes(),
                language: request.language, throttledSeconds: throttledSeconds))
        let response = try await request.render(
            "Intake/apply-form", page, layout: .init(request: request, titleKey: "apply.form.title", titleArgument: intake.name))
        response.status = status
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func closed(_ request: Request, _ intake: Intake, _ refusal: IntakeStatus.ApplicationRefusal, status: HTTPResponseStatus)
        async throws -> Response
    {
        let page = ClosedPage(
            intakeName: intake.name, messageKey: refusal.code, opensOn: date(intake.opensOn, request), listHref: SiteURL.apply.path)
        let response = try await request.render(
            "Intake/apply-closed", page, layout: .init(request: request, titleKey: "apply.closed.title"))
        response.status = status
        return response
    }
}
