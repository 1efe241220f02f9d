import Fluent
import Foundation
import PraktikCore
import Vapor

/// The admin's privacy pages: the retention dry run and run, and the consent purposes.
enum PrivacyAdminController {
    struct RetentionPage: Encodable {
        struct Row: Encodable {
            let href: String
            let exitDate: String
            let unitName: String
        }

        let months: Int
        let rows: [Row]
        let total: Int
        let erased: Int?
        let action = SiteURL.adminRetention.path
    }

    @Sendable static func retention(_ request: Request) async throws -> Response {
        try await renderRetention(request, erased: Int(request.query("erased")))
    }

    @Sendable static func runRetention(_ request: Request) async throws -> Response {
        let erased = try await service(request).run()
        return request.redirect(to: SiteURL.adminRetention.path + "?erased=\(erased)")
    }

    private static func renderRetention(_ request: Request, erased: Int?) async throws -> Response {
        let due = try await service(request).dueForErasure()
        let page = RetentionPage(
            months: request.application.settings.retention.monthsAfterExit,
            rows: due.map { RetentionPage.Row(href: SiteURL.participant($0.id).path, exitDate: $0.exit_date, unitName: $0.unit_name) },
            total: due.count, erased: erased)
        return try await request.render("Participants/retention", page, layout: .init(request: request, titleKey: "retention.title"))
    }

    private static func service(_ request: Request) -> RetentionService {
        RetentionService(database: request.db, clock: request.application.clock, policy: request.application.settings.retention)
    }

    struct PurposesPage: Encodable {
        /// A purpose as the table shows it: built-in purposes by their translated name, an admin's own
        /// by the code the admin gave it; the legal basis in words.
        struct Row: Encodable {
            let purpose: ConsentService.PurposeRow
            let nameKey: String?
            let legalBasisKey: String
        }

        let rows: [Row]
        let legalBases: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let action = SiteURL.adminConsentPurposes.path
    }

    @Sendable static func purposes(_ request: Request) async throws -> Response {
        try await renderPurposes(request, errors: [:], status: .ok)
    }

    struct PurposeForm: Content {
        var code: String?
        var legalBasis: String?
        var textSwedish: String?
        var textEnglish: String?
        var textDanish: String?
    }

    /// Adds a purpose. A purpose's wording is versioned: built-in purposes cannot be replaced here.
    @Sendable static func addPurpose(_ request: Request) async throws -> Response {
        let form = try request.content.decode(PurposeForm.self)
        do {
            try await ConsentService(database: request.db, clock: request.application.clock).addPurpose(
                .init(
                    code: form.code ?? "", legalBasis: form.legalBasis ?? "", textSwedish: form.textSwedish ?? "",
                    textEnglish: form.textEnglish ?? "", textDanish: form.textDanish ?? ""),
                by: request.auditActor)
        } catch let errors as FormErrors {
            return try await renderPurposes(request, errors: errors.fields, status: errors.status)
        }
        return request.redirect(to: SiteURL.adminConsentPurposes.path)
    }

    private static func renderPurposes(_ request: Request, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let page = PurposesPage(
            rows: try await ConsentService(database: request.db, clock: request.application.clock).purposes().map {
                PurposesPage.Row(
                    purpose: $0, nameKey: $0.is_built_in ? "consent-purpose.\($0.code)" : nil,
                    legalBasisKey: "legal-basis.\($0.legal_basis)"
                )
            },
            legalBases: Choice.all(LegalBasis.self, prefix: "legal-basis", selected: LegalBasis.consent.rawValue),
            errors: errors, hasErrors: !errors.isEmpty)
        return try await request.render(
            "Participants/consent-purposes", page, layout: .init(request: request, titleKey: "consent-purposes.title"), status: status)
    }
}
