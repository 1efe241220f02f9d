import Fluent
import Foundation
import PraktikCore
import Vapor

/// `/offers/{token}`: the offer a candidate got by mail, answered without an account, on a phone,
/// without JavaScript. An unknown or tampered link is the friendly "link not valid" page; an
/// answered, withdrawn or expired offer says so and writes nothing.
enum OfferPagesController {
    struct Page: Encodable {
        let name: String
        let placeTitle: String
        let employer: String
        let workplace: String
        /// A workplace may have no name of its own; its address then stands alone.
        let hasWorkplaceName: Bool
        let address: String
        let tasks: String
        let period: String
        let hoursPerWeek: Int
        let expiresOn: String
        let action: String
    }

    static func actor(_ request: Request) -> AuditLog.Actor {
        AuditLog.Actor(userID: nil, role: "link:offer", clientAddress: request.clientAddress)
    }

    private static func load(_ request: Request) async throws -> Offer? {
        guard let offer = try await request.offerService.offer(forToken: request.tokenParameter) else { return nil }
        LinkPagesController.useLanguage(offer.language, on: request)
        return offer
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let offer = try await load(request) else { return try await LinkPagesController.invalid(request) }
        if let closed = try await closedNotice(offer, request: request) { return closed }
        guard let place = try await Place.find(offer.placeID, on: request.db),
            let workplace = try await Workplace.find(place.$workplace.id, on: request.db),
            let participant = try await Participant.find(offer.participantID, on: request.db),
            let application = try await IntakeApplication.find(offer.applicationID, on: request.db),
            let intake = try await Intake.find(application.$intake.id, on: request.db)
        else { return try await LinkPagesController.invalid(request) }
        let employer = try await Employer.find(place.$employer.id, on: request.db)
        let formatting = LocalFormatting(language: request.language)
        func date(_ text: String) -> String { CivilDate(iso8601: text).map { formatting.date($0) } ?? text }
        let page = Page(
            name: participant.firstName ?? "", placeTitle: place.title, employer: employer?.name ?? "", workplace: workplace.name,
            hasWorkplaceName: !workplace.name.isEmpty,
            address: [workplace.address, [workplace.postalCode, workplace.city].joined(separator: " ")].joined(separator: ", "),
            tasks: place.tasks,
            period: date(max(intake.placementStart, place.periodStart)) + " – " + date(min(intake.placementEnd, place.periodEnd)),
            hoursPerWeek: place.hoursPerWeek, expiresOn: date(offer.expiresOn), action: SiteURL.offerLink(request.tokenParameter).path)
        try await AuditLog(database: request.db, clock: request.application.clock).record(
            .view, by: actor(request), recordType: .application, recordID: offer.applicationID, detail: "offer")
        return try await request.render("Selection/offer", page, layout: .init(request: request, titleKey: "offer.title"))
    }

    struct AnswerForm: Content {
        var answer: String?
    }

    @Sendable static func answer(_ request: Request) async throws -> Response {
        guard let offer = try await load(request) else { return try await LinkPagesController.invalid(request) }
        if let closed = try await closedNotice(offer, request: request) { return closed }
        let service = request.offerService
        do {
            switch try request.content.decode(AnswerForm.self).answer {
            case "accept":
                _ = try await service.accept(offer, actor: actor(request))
                return try await notice(request, "offer.accepted", status: .ok)
            case "decline":
                try await service.decline(offer, actor: actor(request))
                return try await notice(request, "offer.declined", status: .ok)
            default:
                throw AppError.badRequest(messageKey: "form.required")
            }
        } catch let refusal as OfferService.Refusal {
            return try await LinkPagesController.notice(
                request, heading: "offer.refused.title", message: refusal.rawValue, status: .conflict)
        } catch AppError.conflict(let key) {
            return try await LinkPagesController.notice(request, heading: "offer.refused.title", message: key, status: .conflict)
        }
    }

    /// The page for an offer that can no longer be answered, or nil when it can.
    private static func closedNotice(_ offer: Offer, request: Request) async throws -> Response? {
        guard let expires = CivilDate(iso8601: offer.expiresOn) else { return try await LinkPagesController.invalid(request) }
        switch offer.offerStatus.shown(expiresOn: expires, today: try request.application.clock.today()) {
        case .offered: return nil
        case .accepted: return try await notice(request, "offer.accepted", status: .ok)
        case .declined: return try await notice(request, "offer.declined", status: .ok)
        case .withdrawn: return try await notice(request, "offer.withdrawn", status: .gone)
        case .expired: return try await notice(request, "offer.expired", status: .gone)
        }
    }

    private static func notice(_ request: Request, _ key: String, status: HTTPResponseStatus) async throws -> Response {
        try await LinkPagesController.notice(request, heading: key + ".title", message: key + ".message", status: status)
    }
}
