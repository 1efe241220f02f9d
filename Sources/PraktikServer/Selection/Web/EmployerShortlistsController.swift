import Foundation
import PraktikCore
import Vapor

/// `/employer-portal/shortlists`: the employer contact's published shortlists (`EmployerShortlists`).
enum EmployerShortlistsController {
    struct Page: Encodable {
        struct Candidate: Encodable {
            let number: Int
            let score: Int
            let educationLevelKey: String
            let educationFieldKey: String?
            let languages: String
        }

        struct PlaceList: Encodable {
            let title: String
            let candidates: [Candidate]
        }

        let places: [PlaceList]
        let hasPlaces: Bool
        let portalHref = SiteURL.employerPortal.path
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let lists = try await EmployerShortlists(database: request.db, clock: request.application.clock)
            .shortlists(forContact: user.id, by: request.auditActor)
        let translations = request.application.translations
        func languages(_ list: [(language: String, level: String)]) -> String {
            list.map { translations.text(for: "language-name.\($0.language)", in: request.language) + " " + $0.level }
                .joined(separator: ", ")
        }
        let page = Page(
            places: lists.map { list in
                Page.PlaceList(
                    title: list.title,
                    candidates: list.candidates.enumerated().map { index, candidate in
                        Page.Candidate(
                            number: index + 1, score: candidate.score,
                            educationLevelKey: "apply.education-level.\(candidate.educationLevel)",
                            educationFieldKey: candidate.educationField.map { "education-field.\($0)" },
                            languages: languages(candidate.languages))
                    })
            }, hasPlaces: !lists.isEmpty)
        return try await request.render(
            "Selection/employer-shortlists", page, layout: .init(request: request, titleKey: "selection.employer.title"), status: .ok)
    }
}
