import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// Outreach before an intake (seed 004 2.4): choose job seekers by criteria, see how many, record
/// the selection, send the invitations, print letters for those without e-mail, and see how many
/// of the invited applied.
enum OutreachController {
    struct Page: Encodable {
        struct SelectionRow: Encodable {
            let href: String
            let createdAt: Date
            let statusKey: String
            let recipients: Int
            let email: Int
            let letters: Int
            let invited: Int
            let applied: Int
            let criteria: String
        }

        let intakeName: String
        let intakeHref: String
        let action: String
        let birthRegions: [ApplyPage.CheckOption]
        let educationLevels: [ApplyPage.CheckOption]
        let units: [ApplyPage.CheckOption]
        let showsUnits: Bool
        let educationField: String
        let statuses: [Choice]
        let notAlreadyApplied: Bool
        let count: OutreachService.Count?
        let hasCount: Bool
        let selections: [SelectionRow]
        let errorKey: String?
    }

    struct CriteriaForm: Content {
        var birthRegions: [String]?
        var educationLevels: [String]?
        var educationField: String?
        var status: String?
        var units: [String]?
        var notAlreadyApplied: String?
        /// `count` shows the number; `select` records the selection.
        var action: String?

        var criteria: OutreachCriteria {
            OutreachCriteria(
                birthRegions: (birthRegions ?? []).compactMap(BirthRegion.init(rawValue:)),
                educationLevels: (educationLevels ?? []).compactMap(EducationLevel.init(rawValue:)),
                educationField: String((educationField ?? "").prefix(100)),
                status: status == "any" ? nil : ParticipantStatus(rawValue: status ?? "") ?? .active,
                unitIDs: (units ?? []).compactMap(UUID.init(uuidString:)),
                notAlreadyApplied: notAlreadyApplied == "yes")
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let intake = try await IntakesController.find(request)
        // The seed's selection as the starting point: born outside Europe, post-secondary education.
        let criteria = OutreachCriteria(birthRegions: [.outsideEurope], educationLevels: [.postSecondaryShort, .postSecondaryLong])
        return try await render(request, intake, criteria: criteria, count: nil, errorKey: nil, status: .ok)
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        let intake = try await IntakesController.find(request)
        let form = try request.content.decode(CriteriaForm.self)
        let criteria = form.criteria
        let scope = ParticipantScope(user: try request.requireUser())
        let service = OutreachService(
            database: request.db, clock: request.application.clock, defaultLanguage: request.application.settings.defaultLanguage)
        if form.action == "select" {
            let selection = try await service.select(criteria, for: intake, scope: scope, actor: request.auditActor)
            return request.redirect(to: SiteURL.outreachSelection(selection.id).path)
        }
        let count = try await service.count(criteria, intakeID: try intake.requireID(), scope: scope)
        return try await render(request, intake, criteria: criteria, count: count, errorKey: nil, status: .ok)
    }

    static func render(
        _ request: Request, _ intake: Intake, criteria: OutreachCriteria, count: OutreachService.Count?, errorKey: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try request.requireUser()
        let id = try intake.requireID()
        let service = OutreachService(
            database: request.db, clock: request.application.clock, defaultLanguage: request.application.settings.defaultLanguage)
        let report = try await service.report(intakeID: id)
        let selections = try await OutreachSelection.query(on: request.db).filter(\.$intake.$id == id).sort(\.$createdAt, .descending).all()
        let units = user.role == .admin ? try await UnitService(database: request.db).list() : []
        let page = Page(
            intakeName: intake.name, intakeHref: SiteURL.intake(id).path, action: SiteURL.intakeOutreach(id).path,
            birthRegions: BirthRegion.allCases.map {
                .init(
                    value: $0.rawValue, labelKey: "birth-region.\($0.rawValue)", label: nil, isChecked: criteria.birthRegions.contains($0),
                    id: "region-\($0.rawValue)")
            },
            educationLevels: EducationLevel.allCases.map {
                .init(
                    value: $0.rawValue, labelKey: "education-level.\($0.rawValue)", label: nil,
                    isChecked: criteria.educationLevels.contains($0),
                    id: "level-\($0.rawValue)")
            },
            units: units.map {
                .init(
                    value: $0.id.uuidString, labelKey: "", label: $0.name, isChecked: criteria.unitIDs.contains($0.id),
                    id: "unit-\($0.id.uuidString)")
            },
            showsUnits: user.role == .admin, educationField: criteria.educationField,
            statuses: [Choice(value: "any", labelKey: "outreach.status.any", isSelected: criteria.status == nil)]
                + Choice.all(ParticipantStatus.self, prefix: "outreach.status", selected: criteria.status?.rawValue ?? "any"),
            notAlreadyApplied: criteria.notAlreadyApplied, count: count, hasCount: count != nil,
            selections: try selections.map { selection in
                let sid = try selection.requireID()
                return Page.SelectionRow(
                    href: SiteURL.outreachSelection(sid).path, createdAt: selection.createdAt,
                    statusKey: "outreach.selection-status.\(selection.status)",
                    recipients: selection.recipientCount, email: selection.emailCount, letters: selection.letterCount,
                    invited: report[sid]?.invited ?? 0, applied: report[sid]?.applied ?? 0,
                    criteria: describe(selection.criteria, request))
            },
            errorKey: errorKey)
        let response = try await request.render(
            "Intake/outreach", page, layout: .init(request: request, titleKey: "outreach.title", titleArgument: intake.name))
        response.status = status
        return response
    }

    /// The stored criteria in words.
    static func describe(_ json: String, _ request: Request) -> String {
        guard let criteria = try? JSONDecoder().decode(OutreachCriteria.self, from: Data(json.utf8)) else { return "" }
        var parts: [String] = []
        if !criteria.birthRegions.isEmpty {
            parts.append(criteria.birthRegions.map { request.translate("birth-region.\($0.rawValue)") }.joined(separator: ", "))
        }
        if !criteria.educationLevels.isEmpty {
            parts.append(criteria.educationLevels.map { request.translate("education-level.\($0.rawValue)") }.joined(separator: ", "))
        }
        if !criteria.educationField.isEmpty { parts.append("“\(criteria.educationField)”") }
        parts.append(request.translate("outreach.status.\(criteria.status?.rawValue ?? "any")"))
        if criteria.notAlreadyApplied { parts.append(request.translate("outreach.not-already-applied")) }
        return parts.joined(separator: " · ")
    }

    // MARK: A selection

    struct SelectionPage: Encodable {
        let intakeName: String
        let outreachHref: String
        let createdAt: Date
        let statusKey: String
        let criteria: String
        let recipients: Int
        let email: Int
        let letters: Int
        let emailsSent: Int
        let lettersPosted: Int
        let invited: Int
        let applied: Int
        let maySend: Bool
        let sendAction: String
        let lettersHref: String
        let lettersPostedAction: String
        let hasLetters: Bool
        let mayMarkLettersPosted: Bool
        let notice: String?
    }

    @Sendable static func selection(_ request: Request) async throws -> Response {
        let (selection, intake) = try await findSelection(request)
        let sid = try selection.requireID()
        let report = try await OutreachService(database: request.db, clock: request.application.clock).report(
            intakeID: try intake.requireID())
        let sentEmails = try await OutreachRecipient.query(on: request.db).filter(\.$selection.$id == sid)
            .filter(\.$channel == OutreachRecipient.Channel.email.rawValue).filter(\.$sentAt != nil).count()
        let postedLetters = try await OutreachRecipient.query(on: request.db).filter(\.$selection.$id == sid)
            .filter(\.$channel == OutreachRecipient.Channel.letter.rawValue).filter(\.$sentAt != nil).count()
        let saved = request.query("saved")
        let page = SelectionPage(
            intakeName: intake.name, outreachHref: SiteURL.intakeOutreach(intake.id).path, createdAt: selection.createdAt,
            statusKey: "outreach.selection-status.\(selection.status)", criteria: describe(selection.criteria, request),
            recipients: selection.recipientCount, email: selection.emailCount, letters: selection.letterCount,
            emailsSent: sentEmails, lettersPosted: postedLetters,
            invited: report[sid]?.invited ?? 0, applied: report[sid]?.applied ?? 0,
            maySend: selection.status == OutreachSelection.Status.selected.rawValue && selection.emailCount > 0,
            sendAction: SiteURL.outreachSend(sid).path, lettersHref: SiteURL.outreachLetters(sid).path,
            lettersPostedAction: SiteURL.outreachLettersPosted(sid).path, hasLetters: selection.letterCount > 0,
            mayMarkLettersPosted: postedLetters < selection.letterCount,
            notice: saved.isEmpty ? nil : "outreach.saved.\(saved)")
        return try await request.render(
            "Intake/outreach-selection", page, layout: .init(request: request, titleKey: "outreach.selection.title"))
    }

    @Sendable static func send(_ request: Request) async throws -> Response {
        let (selection, _) = try await findSelection(request)
        try await OutreachSending(database: request.db, clock: request.application.clock).start(selection, actor: request.auditActor)
        return request.redirect(to: SiteURL.outreachSelection(selection.id).path(query: ["saved": "sending"]))
    }

    struct LettersPage: Encodable {
        struct Letter: Encodable {
            let name: String
            let address: String
            let language: String
            let greeting: String
            let body: String
        }

        let letters: [Letter]
        let backHref: String
    }

    /// The printable letters, each in its recipient's language. Opening them shows names and
    /// addresses, so every recipient's view is audited.
    @Sendable static func letters(_ request: Request) async throws -> Response {
        let (selection, intake) = try await findSelection(request)
        let recipients = try await OutreachService(database: request.db, clock: request.application.clock).letters(
            of: try selection.requireID())
        let translations = request.application.translations
        let publicURL = request.application.settings.publicURL
        let letters = try recipients.filter { $0.participant.erasedAt == nil }.map { recipient -> LettersPage.Letter in
            let person = recipient.participant
            let language = AppLanguage(rawValue: recipient.language) ?? .default
            let arguments = try OutreachService.invitationArguments(
                person: person, intake: intake, language: language, publicURL: publicURL)
            return LettersPage.Letter(
                name: person.displayName, address: person.postalAddress ?? "", language: language.tag,
                greeting: translations.text(for: "outreach.mail.invitation.subject", in: language, arguments: arguments),
                body: translations.text(for: "outreach.mail.invitation.body", in: language, arguments: arguments))
        }
        try await request.auditLog().record(
            .view, by: request.auditActor, recordType: .participant, recordIDs: recipients.map(\.$participant.id), detail: "outreach letter"
        )
        return try await request.render(
            "Intake/outreach-letters", LettersPage(letters: letters, backHref: SiteURL.outreachSelection(selection.id).path),
            layout: .init(request: request, titleKey: "outreach.letters.title"))
    }

    @Sendable static func lettersPosted(_ request: Request) async throws -> Response {
        let (selection, _) = try await findSelection(request)
        _ = try await OutreachService(database: request.db, clock: request.application.clock).markLettersPosted(
            of: try selection.requireID(), actor: request.auditActor)
        return request.redirect(to: SiteURL.outreachSelection(selection.id).path(query: ["saved": "posted"]))
    }

    static func findSelection(_ request: Request) async throws -> (OutreachSelection, Intake) {
        guard let id = request.idParameter, let selection = try await OutreachSelection.find(id, on: request.db) else {
            throw AppError.notFound
        }
        let intake = try await IntakeScope(user: try request.requireUser()).find(selection.$intake.id, on: request.db)
        return (selection, intake)
    }
}
