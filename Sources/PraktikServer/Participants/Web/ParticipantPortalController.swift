import Fluent
import Foundation
import PraktikCore
import Vapor

/// The participant's own pages: sign-in by e-mailed link, their data, their consents, their export.
enum ParticipantPortalController {
    struct SignInPage: Encodable {
        let sent: Bool
        let action = SiteURL.portalSignIn.path
        let signInHref = SiteURL.portalSignIn.path
        let staffSignInHref = SiteURL.login(next: nil).path
    }

    @Sendable static func signInForm(_ request: Request) async throws -> Response {
        if request.currentUser?.role == .participant { return request.redirect(to: SiteURL.portal.path) }
        return try await request.render(
            "Portal/sign-in", SignInPage(sent: false), layout: .init(request: request, titleKey: "portal.sign-in.title"))
    }

    struct SignInForm: Content { var email: String? }

    @Sendable static func requestLink(_ request: Request) async throws -> Response {
        let form = try request.content.decode(SignInForm.self)
        try await PortalSignIn(database: request.db, clock: request.application.clock, publicURL: request.application.settings.publicURL)
            .requestLink(for: form.email ?? "", language: request.language, translations: request.application.translations)
        await request.deliverMail()
        return try await request.render(
            "Portal/sign-in", SignInPage(sent: true), layout: .init(request: request, titleKey: "portal.sign-in.title"))
    }

    struct LinkPage: Encodable {
        let action: String
    }

    /// Opening the link shows a button rather than signing in at once: mail scanners that fetch
    /// links would otherwise use up the one-time link before the person clicks it.
    @Sendable static func confirmLink(_ request: Request) async throws -> Response {
        let token = request.tokenParameter
        return try await request.render(
            "Portal/link", LinkPage(action: SiteURL.portalLink(token).path), layout: .init(request: request, titleKey: "portal.link.title"))
    }

    @Sendable static func redeemLink(_ request: Request) async throws -> Response {
        let token = request.tokenParameter
        guard
            let account = try await PortalSignIn(
                database: request.db, clock: request.application.clock, publicURL: request.application.settings.publicURL
            )
            .redeem(token)
        else {
            let response = try await request.render(
                "Portal/link-invalid", SignInPage(sent: false), layout: .init(request: request, titleKey: "portal.link.title"))
            response.status = .gone
            return response
        }
        let store = request.sessionStore
        if let previous = request.currentSession { try await store.end(previous, reason: .replaced) }
        let (sessionToken, session) = try await store.start(for: try account.requireID())
        request.currentSession = session
        request.currentUser = try await request.adoptLanguageChosenBeforeSignIn(for: try account.signedIn())
        try await request.auditLog().record(.signIn, by: request.auditActor, recordType: .participant, recordID: account.$participant.id)
        let response = request.redirect(to: SiteURL.portal.path)
        response.setSessionCookie(sessionToken, for: request)
        return response
    }

    struct HomePage: Encodable {
        let name: String
        let statusKey: String
        let unitName: String
        let facts: [ParticipantPage.Fact]
        let consents: [ParticipantPage.ConsentRow]
        let outcomes: [ParticipantPage.Fact]
        let hasOutcomes: Bool
        let consentsAction: String
        let myDataHref: String
    }

    @Sendable static func home(_ request: Request) async throws -> Response {
        let participant = try await own(request)
        let id = try participant.requireID()
        let consentService = ConsentService(database: request.db, clock: request.application.clock)
        let ledger = try await consentService.ledger(for: id)
        let now = request.now.timeIntervalSince1970
        let identifier = try? PersonIdentifier(storageValue: participant.personIdentifier)
        let outcomes = try await ParticipantDetails(database: request.db).outcomes(of: id).map {
            ParticipantPage.Fact(labelKey: "outcome-horizon.\($0.horizon)", value: "", valueKey: "outcome-status.\($0.status)")
        }
        let page = HomePage(
            name: participant.displayName, statusKey: "participant-status.\(participant.status)",
            unitName: try await UnitService(database: request.db).name(of: participant.$unit.id) ?? "",
            facts: [
                .init(labelKey: "participant.person-number", value: identifier?.masked ?? "–", valueKey: nil),
                .init(labelKey: "participant.email", value: participant.email ?? "–", valueKey: nil),
                .init(labelKey: "participant.phone", value: participant.phone ?? "–", valueKey: nil),
                .init(labelKey: "participant.education-level", value: "", valueKey: "education-level.\(participant.educationLevel)"),
                .init(labelKey: "participant.benefit-type", value: "", valueKey: "benefit-type.\(participant.benefitType)"),
                .init(
                    labelKey: "participant.message-language", value: "",
                    valueKey: "language.\(participant.messageLanguage(or: request.application.settings.defaultLanguage).tag)"),
            ],
            consents: try await consentService.purposes().map {
                .init(
                    code: $0.code, labelKey: "consent-purpose.\($0.code)", label: $0.is_built_in ? nil : $0.code,
                    text: $0.text(in: request.language),
                    legalBasisKey: "legal-basis.\($0.legal_basis)", isActive: ledger.isActive($0.code, at: now))
            },
            outcomes: outcomes, hasOutcomes: !outcomes.isEmpty,
            consentsAction: SiteURL.portalConsents.path, myDataHref: SiteURL.portalExport.path)
        return try await request.render("Portal/home", page, layout: .init(request: request, titleKey: "portal.title"))
    }

    struct ConsentForm: Content {
        var purpose: String
        var action: String
    }

    /// The person's own decision, recorded with the portal as its channel.
    @Sendable static func recordConsent(_ request: Request) async throws -> Response {
        let participant = try await own(request)
        let form = try request.content.decode(ConsentForm.self)
        guard let action = ConsentAction(rawValue: form.action) else { throw AppError.badRequest(messageKey: "error.bad-request") }
        try await ConsentService(database: request.db, clock: request.application.clock)
            .record(action, purpose: form.purpose, channel: .portal, participantID: try participant.requireID(), by: request.auditActor)
        return request.redirectShowingSaved(to: .portal)
    }

    /// Everything held about the person, readable, including who has looked at their record.
    @Sendable static func myData(_ request: Request) async throws -> Response {
        let participant = try await own(request)
        let page = try await PersonalDataPage.build(for: participant, on: request)
        try await request.auditLog().record(.export, by: request.auditActor, recordType: .participant, recordID: participant.id)
        return try await request.render("Portal/my-data", page, layout: .init(request: request, titleKey: "portal.my-data.title"))
    }

    @Sendable static func myDataJSON(_ request: Request) async throws -> Response {
        let participant = try await own(request)
        let id = try participant.requireID()
        let export = try await PersonalDataExport.collect(participantID: id, on: request.db, now: request.now)
        try await request.auditLog().record(.export, by: request.auditActor, recordType: .participant, recordID: id)
        return try ParticipantsController.jsonDownload(export, filename: "my-data-praktik.json")
    }

    private static func own(_ request: Request) async throws -> Participant {
        let user = try request.requireUser()
        return try await ParticipantScope(user: user).find(user.participantID, on: request.db)
    }
}
