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
            let applicationID: String
            /// `offer-status.<status>` of the latest offer, or "" when none was made.
            let offerKey: String
            let name: String
            let mayOffer: Bool
        }

        struct PlaceList: Encodable {
            let title: String
            let candidates: [Candidate]
            let offerAction: String
            let unusable: [PlacesController.ReasonRow]
            let isUnusable: Bool
            let freeSeats: Int
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
        var unusable: [UUID: [PlacesController.ReasonRow]] = [:]
        for list in lists where !list.unusableReasons.isEmpty {
            unusable[list.placeID] = try await PlacesController.reasonRows(.refused(list.unusableReasons), on: request)
        }
        let page = Page(
            places: lists.map { list in
                // A candidate may be offered the place while it is usable, has a seat no other
                // offer waits for, and has no offer waiting or accepted.
                let placeOpen = list.unusableReasons.isEmpty && list.freeSeats > 0
                return Page.PlaceList(
                    title: list.title,
                    candidates: list.candidates.enumerated().map { index, candidate in
                        Page.Candidate(
                            number: index + 1, score: candidate.score,
                            educationLevelKey: "apply.education-level.\(candidate.educationLevel)",
                            educationFieldKey: candidate.educationField.map { "education-field.\($0)" },
                            languages: languages(candidate.languages), applicationID: candidate.applicationID.uuidString,
                            offerKey: candidate.offer?.key ?? "", name: candidate.name ?? "",
                            mayOffer: placeOpen && candidate.offer.map { [.offered, .accepted].contains($0) } != true)
                    },
                    offerAction: SiteURL.employerPortalShortlistOffers(list.placeID).path,
                    unusable: unusable[list.placeID] ?? [], isUnusable: !list.unusableReasons.isEmpty,
                    freeSeats: max(0, list.freeSeats))
            }, hasPlaces: !lists.isEmpty)
        return try await request.render(
            "Selection/employer-shortlists", page, layout: .init(request: request, titleKey: "selection.employer.title"), status: .ok)
    }

    struct OfferForm: Content {
        var applicationID: UUID?
    }

    /// The contact selects a candidate: an offer is made and mailed. A refusal (the place became
    /// unusable, no free seat) comes back to the list as a 409 page that says why.
    @Sendable static func offer(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let form = try request.content.decode(OfferForm.self)
        guard let applicationID = form.applicationID, let placeID = request.idParameter else { throw AppError.notFound }
        do {
            try await request.offerService.select(
                applicationID: applicationID, placeID: placeID, byContact: user.id, actor: request.auditActor)
        } catch let refusal as OfferService.Refusal {
            throw AppError.conflict(messageKey: refusal.rawValue)
        }
        return request.redirectShowingSaved(to: .employerPortalShortlists)
    }
}
