import Fluent
import Foundation
import PraktikCore
import Vapor

/// The applicant's status page, opened with the link from a message: the status in plain words,
/// the reasons, the next step, the completion form, consent to sharing with employers, the waiting
/// list and withdrawal. An unknown, altered or expired link is a friendly "not found".
enum ApplicationStatusController {
    struct RequestPage: Encodable {
        let sent: Bool
        let throttledMinutes: Int?
        let isThrottled: Bool
        let email: String
    }

    @Sendable static func requestForm(_ request: Request) async throws -> Response {
        try await request.render(
            "Intake/status-request", RequestPage(sent: false, throttledMinutes: nil, isThrottled: false, email: ""),
            layout: .init(request: request, titleKey: "status.request.title"))
    }

    struct LinkRequestForm: Content { var email: String? }

    /// Sends a fresh link for each application made with the address. The page says the same
    /// whether or not there are any, so it cannot tell who has applied.
    @Sendable static func requestLinks(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LinkRequestForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let throttle = PublicFormThrottle(
            database: request.db, clock: request.application.clock,
            maximumPerHour: request.application.settings.applicationsPerAddressPerHour)
        if let wait = try await throttle.retryAfter(for: request.clientAddress) {
            let response = try await request.render(
                "Intake/status-request",
                RequestPage(sent: false, throttledMinutes: max(1, (wait + 59) / 60), isThrottled: true, email: email),
                layout: .init(request: request, titleKey: "status.request.title"))
            response.status = .tooManyRequests
            return response
        }
        try await throttle.record(request.clientAddress)
        if EmailAddress.looksValid(email) {
            try await request.db.writingTransaction { db in
                let applications = try await IntakeApplication.query(on: db).filter(\.$email == email)
                    .filter(\.$status != ApplicationStatus.withdrawn.rawValue).with(\.$intake).sort(\.$submittedAt, .descending).limit(10)
                    .all()
                let messages = ApplyController.messages(request).on(db)
                for application in applications {
                    try await messages.send(.newLink, about: application, intakeName: application.intake.name)
                }
            }
            await request.deliverMail()
        }
        return try await request.render(
            "Intake/status-request", RequestPage(sent: true, throttledMinutes: nil, isThrottled: false, email: ""),
            layout: .init(request: request, titleKey: "status.request.title"))
    }

    // MARK: The status page

    @Sendable static func show(_ request: Request) async throws -> Response {
        let (application, intake, token) = try await resolve(request)
        try await request.auditLog().record(
            .view, by: ApplyController.applicantActor(request), recordType: .application, recordID: application.id, detail: "status page")
        let saved = request.query("saved")
        return try await StatusPage.render(
            request, application: application, intake: intake, token: token, notice: saved.isEmpty ? nil : "status.saved.\(saved)")
    }

    struct CompletionForm: Content {
        var answer: String?
        var educationLevel: String?
        var educationField: String?
        var upperSecondaryFullGrades: String?
        var language0: String?, level0: String?
        var language1: String?, level1: String?
        var language2: String?, level2: String?
        var language3: String?, level3: String?
        var registeredAsJobSeeker: String?
        var permitKind: String?
        var permitEnd: String?
        var swedishWorkMonths: String?
    }

    @Sendable static func answerCompletion(_ request: Request) async throws -> Response {
        let (application, intake, token) = try await resolve(request)
        let form = try request.content.decode(CompletionForm.self)
        let completions = CompletionRequests(database: request.db, clock: request.application.clock)
        guard let open = try await completions.open(of: application) else {
            return try await StatusPage.render(
                request, application: application, intake: intake, token: token, notice: nil, status: .conflict,
                errorKey: "completion.not-open")
        }
        let fields = Set(CompletionRequests.items(of: open).flatMap(\.fields))
        let names = CompletionRequests.formFields(for: fields)
        var input = try await ApplicationAnswers(database: request.db).input(of: application)
        func take(_ name: String, _ value: String?, _ write: (inout ApplicationInput, String) -> Void) {
            if names.contains(name) { write(&input, value ?? "") }
        }
        take("educationLevel", form.educationLevel) { $0.educationLevel = $1 }
        take("educationField", form.educationField) { $0.educationField = $1 }
        take("upperSecondaryFullGrades", form.upperSecondaryFullGrades) { $0.upperSecondaryFullGrades = $1 }
        take("registeredAsJobSeeker", form.registeredAsJobSeeker) { $0.registeredAsJobSeeker = $1 }
        take("permitKind", form.permitKind) { $0.permitKind = $1 }
        take("permitEnd", form.permitEnd) { $0.permitEnd = $1 }
        take("swedishWorkMonths", form.swedishWorkMonths) { $0.swedishWorkMonths = $1 }
        if names.contains("languages") {
            input.languages = [
                (form.language0, form.level0), (form.language1, form.level1), (form.language2, form.level2), (form.language3, form.level3),
            ]
            .map { ApplicationInput.Pair(language: $0 ?? "", level: $1 ?? "") }
        }
        var context = try await ApplyController.formContext(request, intake: intake)
        context.consentPurposes = [:]
        context.requiredConsents = []
        do {
            try await completions.answer(
                open, of: application, in: intake, corrected: input, text: form.answer ?? "", context: context,
                actor: ApplyController.applicantActor(request))
        } catch let errors as FormErrors {
            return try await StatusPage.render(
                request, application: application, intake: intake, token: token, notice: nil, status: .badRequest,
                completionInput: input, completionAnswer: form.answer ?? "", completionErrors: errors.fields)
        }
        return request.redirect(to: SiteURL.applicationStatus(token).path + "?saved=completion")
    }

    struct WithdrawForm: Content { var confirm: String? }

    @Sendable static func withdraw(_ request: Request) async throws -> Response {
        let (application, intake, token) = try await resolve(request)
        let form = try request.content.decode(WithdrawForm.self)
        guard form.confirm == "yes" else {
            return try await StatusPage.render(
                request, application: application, intake: intake, token: token, notice: nil, status: .badRequest,
                errorKey: "status.withdraw.confirm-needed")
        }
        do {
            try await ApplyController.service(request).withdraw(application, actor: ApplyController.applicantActor(request))
        } catch let error as AppError {
            return try await StatusPage.render(
                request, application: application, intake: intake, token: token, notice: nil, status: .conflict, errorKey: error.messageKey)
        }
        return request.redirect(to: SiteURL.applicationStatus(token).path + "?saved=withdrawn")
    }

    struct ConsentForm: Content { var action: String? }

    /// Giving or withdrawing consent to sharing with employers. Without it no employer sees the person.
    @Sendable static func consent(_ request: Request) async throws -> Response {
        let (application, _, token) = try await resolve(request)
        let form = try request.content.decode(ConsentForm.self)
        guard let action = form.action.flatMap(ConsentAction.init(rawValue:)) else {
            throw AppError.badRequest(messageKey: "error.bad-request")
        }
        try await ConsentService(database: request.db, clock: request.application.clock).record(
            action, purpose: BuiltInConsentPurpose.employerProfile.rawValue, channel: .portal, participantID: application.$participant.id,
            by: ApplyController.applicantActor(request))
        return request.redirect(to: SiteURL.applicationStatus(token).path + "?saved=consent")
    }

    struct WaitingListForm: Content { var stay: String? }

    @Sendable static func waitingList(_ request: Request) async throws -> Response {
        let (application, intake, token) = try await resolve(request)
        let form = try request.content.decode(WaitingListForm.self)
        do {
            try await ApplyController.service(request).answerWaitingList(
                application, stay: form.stay == "yes", actor: ApplyController.applicantActor(request))
        } catch let error as AppError {
            return try await StatusPage.render(
                request, application: application, intake: intake, token: token, notice: nil, status: .conflict, errorKey: error.messageKey)
        }
        return request.redirect(to: SiteURL.applicationStatus(token).path + "?saved=waiting-list")
    }

    /// The application of the link, or the friendly not-found page. The page speaks the language
    /// the person applied in unless they have chosen another with the switch.
    static func resolve(_ request: Request) async throws -> (IntakeApplication, Intake, String) {
        let token = request.parameters.get("token") ?? ""
        guard let application = try await ApplicationLinks(database: request.db, clock: request.application.clock).resolve(token),
            let intake = try await Intake.query(on: request.db).filter(\.$id == application.$intake.id).with(\.$programme).first()
        else { throw StatusLinkInvalid() }
        if request.cookies[LanguageMiddleware.cookieName] == nil, request.currentUser == nil {
            request.language = ApplicantMessages.language(of: application)
        }
        return (application, intake, token)
    }
}

/// A status link that is unknown, altered or out of date; answered with a friendly 404 page.
struct StatusLinkInvalid: Error {}

extension ApplicationStatusController {
    struct InvalidLinkPage: Encodable {
        let requestHref: String
    }

    /// Wraps a status-page handler so a bad link gets the page that explains how to get a new one.
    static func guarded(_ handler: @escaping @Sendable (Request) async throws -> Response) -> @Sendable (Request) async throws -> Response {
        { request in
            do {
                return try await handler(request)
            } catch is StatusLinkInvalid {
                let response = try await request.render(
                    "Intake/status-invalid", InvalidLinkPage(requestHref: SiteURL.applicationStatusRequest.path),
                    layout: .init(request: request, titleKey: "status.invalid.title"))
                response.status = .notFound
                return response
            }
        }
    }
}
