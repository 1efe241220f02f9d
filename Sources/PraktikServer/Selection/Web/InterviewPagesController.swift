import Fluent
import Foundation
import PraktikCore
import Vapor

/// `/interviews/{token}`: the interview times a candidate got by mail, answered without an account,
/// on a phone, without JavaScript. An unknown or tampered link is the friendly "link not valid"
/// page (410); an answered link says what was answered, and a second answer writes nothing (409).
enum InterviewPagesController {
    struct Page: Encodable {
        struct Option: Encodable {
            let value: String
            let label: String
        }

        let name: String
        let placeTitle: String
        let employer: String
        let workplace: String
        /// A workplace may have no name of its own; its address then stands alone.
        let hasWorkplaceName: Bool
        let address: String
        let note: String?
        let options: [Option]
        /// The confirmed time, when answered; the page then only says it.
        let confirmedTime: String?
        let answered: Bool
        let action: String
    }

    static func actor(_ request: Request) -> AuditLog.Actor {
        AuditLog.Actor(userID: nil, role: "link:interview", clientAddress: request.clientAddress)
    }

    private static func load(_ request: Request) async throws -> Interview? {
        guard let interview = try await request.interviewService.interview(forToken: request.tokenParameter) else { return nil }
        LinkPagesController.useLanguage(interview.language, on: request)
        return interview
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let interview = try await load(request) else { return try await LinkPagesController.invalid(request) }
        if let closed = try await closedNotice(interview, request: request) { return closed }
        return try await render(request, interview)
    }

    private static func render(_ request: Request, _ interview: Interview) async throws -> Response {
        guard let place = try await Place.find(interview.placeID, on: request.db),
            let workplace = try await Workplace.find(place.$workplace.id, on: request.db),
            let participant = try await Participant.find(interview.participantID, on: request.db)
        else { return try await LinkPagesController.invalid(request) }
        let employer = try await Employer.find(place.$employer.id, on: request.db)
        let formatting = LocalFormatting(language: request.language)
        let options = try request.interviewService.choosable(interview).map {
            Page.Option(value: String($0.index + 1), label: InterviewService.text($0.time, formatting))
        }
        let page = Page(
            name: participant.firstName ?? "", placeTitle: place.title, employer: employer?.name ?? "", workplace: workplace.name,
            hasWorkplaceName: !workplace.name.isEmpty,
            address: [workplace.address, [workplace.postalCode, workplace.city].joined(separator: " ")].joined(separator: ", "),
            note: interview.addressNote, options: options,
            confirmedTime: interview.confirmedTime.map { InterviewService.text($0, formatting) },
            answered: interview.interviewStatus != .proposed,
            action: SiteURL.interviewLink(request.tokenParameter).path)
        try await AuditLog(database: request.db, clock: request.application.clock).record(
            .view, by: actor(request), recordType: .application, recordID: interview.applicationID, detail: "interview")
        return try await request.render("Selection/interview", page, layout: .init(request: request, titleKey: "interview.title"))
    }

    struct AnswerForm: Content {
        var choice: String?
    }

    @Sendable static func answer(_ request: Request) async throws -> Response {
        guard let interview = try await load(request) else { return try await LinkPagesController.invalid(request) }
        if interview.interviewStatus == .cancelled { return try await notice(request, "interview.cancelled", status: .gone) }
        guard interview.interviewStatus == .proposed else {
            return try await LinkPagesController.notice(
                request, heading: "interview.refused.title", message: InterviewService.Refusal.answered.rawValue, status: .conflict)
        }
        if let closed = try await closedNotice(interview, request: request) { return closed }
        let service = request.interviewService
        do {
            switch try request.content.decode(AnswerForm.self).choice {
            case "none":
                try await service.decline(interview, actor: actor(request))
                return try await notice(request, "interview.declined", status: .ok)
            case let choice?:
                guard let number = Int(choice), (1...InterviewProposal.maximumTimes).contains(number) else {
                    throw AppError.badRequest(messageKey: "form.required")
                }
                try await service.confirm(interview, index: number - 1, actor: actor(request))
                guard let answered = try await Interview.find(interview.id, on: request.db) else {
                    return try await LinkPagesController.invalid(request)
                }
                return try await render(request, answered)
            case nil:
                throw AppError.badRequest(messageKey: "form.required")
            }
        } catch let refusal as InterviewService.Refusal {
            return try await LinkPagesController.notice(
                request, heading: "interview.refused.title", message: refusal.rawValue, status: .conflict)
        }
    }

    /// The page for an interview that can no longer be answered nor shown, or nil when the page shows it.
    private static func closedNotice(_ interview: Interview, request: Request) async throws -> Response? {
        switch interview.interviewStatus {
        case .proposed:
            guard try request.interviewService.choosable(interview).isEmpty else { return nil }
            return try await notice(request, "interview.expired", status: .gone)
        case .confirmed, .held, .noShow: return nil
        case .declined: return try await notice(request, "interview.declined", status: .ok)
        case .cancelled: return try await notice(request, "interview.cancelled", status: .gone)
        }
    }

    private static func notice(_ request: Request, _ key: String, status: HTTPResponseStatus) async throws -> Response {
        try await LinkPagesController.notice(request, heading: key + ".title", message: key + ".message", status: status)
    }
}
