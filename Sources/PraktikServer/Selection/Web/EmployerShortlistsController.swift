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
            /// `offer-status.<status>` of the latest offer, nil when none was made (Leaf's `#if` takes
            /// an empty string as true).
            let offerKey: String?
            /// Only once the candidate accepted.
            let name: String?
            let mayOffer: Bool
            /// `interview-status.<status>` of the latest interview, or "" when none was proposed.
            let interviewKey: String?
            let interviewTime: String?
            /// `interview-outcome.<outcome>` once held, else "".
            let interviewOutcomeKey: String?
            let mayPropose: Bool
            let proposal: ProposalForm
            /// Where to record the outcome, when the confirmed time has passed.
            let outcomeAction: String?
            /// Where to cancel the interview, while it waits for an answer or its time is ahead.
            let cancelAction: String?
        }

        /// The "propose interview times" form of one candidate, with what was typed and what was wrong.
        struct ProposalForm: Encodable {
            struct TimeField: Encodable {
                let id: String
                let name: String
                let number: Int
                let value: String
                let errorKey: String?
            }

            let times: [TimeField]
            let note: String
            let noteID: String
            let noteErrorKey: String?
            let hasErrors: Bool
            let min: String
            let max: String
        }

        struct PlaceList: Encodable {
            let title: String
            let candidates: [Candidate]
            let offerAction: String
            let interviewAction: String
            let unusable: [PlacesController.ReasonRow]
            let isUnusable: Bool
            let freeSeats: Int
        }

        let places: [PlaceList]
        let hasPlaces: Bool
        let portalHref = SiteURL.employerPortal.path
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await render(request, failed: nil, status: .ok)
    }

    /// A proposal that was refused, shown again on its candidate's row with what was wrong.
    struct FailedProposal {
        let placeID: UUID
        let applicationID: UUID
        let form: InterviewForm
        let errors: [String: String]
    }

    static func render(_ request: Request, failed: FailedProposal?, status: HTTPResponseStatus) async throws -> Response {
        let user = try request.requireUser()
        let lists = try await EmployerShortlists(database: request.db, clock: request.application.clock)
            .shortlists(forContact: user.id, by: request.auditActor)
        let translations = request.application.translations
        func languages(_ list: [(language: String, level: String)]) -> String {
            list.map {
                translations.text(for: "language-name.\($0.language)", in: request.language) + " "
                    + translations.text(for: "language-level.\($0.level)", in: request.language)
            }
            .joined(separator: ", ")
        }
        var unusable: [UUID: [PlacesController.ReasonRow]] = [:]
        for list in lists where !list.unusableReasons.isEmpty {
            unusable[list.placeID] = try await PlacesController.reasonRows(.refused(list.unusableReasons), on: request)
        }
        let service = request.interviewService
        let now = try service.localNow()
        let latest = InterviewTime(date: now.date.adding(days: InterviewProposal.maximumDays) ?? now.date, hour: 23, minute: 59)
        let formatting = LocalFormatting(language: request.language)
        func proposal(placeID: UUID, applicationID: UUID) -> Page.ProposalForm {
            let failed = failed.flatMap { $0.placeID == placeID && $0.applicationID == applicationID ? $0 : nil }
            let values = [failed?.form.time1, failed?.form.time2, failed?.form.time3]
            return Page.ProposalForm(
                times: (1...InterviewProposal.maximumTimes).map { number in
                    Page.ProposalForm.TimeField(
                        id: "time\(number)-\(placeID.uuidString)-\(applicationID.uuidString)", name: "time\(number)", number: number,
                        value: values[number - 1] ?? "", errorKey: failed?.errors["time\(number)"])
                }, note: failed?.form.note ?? "", noteID: "note-\(placeID.uuidString)-\(applicationID.uuidString)",
                noteErrorKey: failed?.errors["note"], hasErrors: failed != nil,
                min: now.description, max: latest?.description ?? "")
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
                            offerKey: candidate.offer?.key, name: candidate.name,
                            mayOffer: placeOpen && candidate.offer.map { [.offered, .accepted].contains($0) } != true,
                            interviewKey: candidate.interview?.status.key,
                            interviewTime: candidate.interview?.confirmedTime.map { InterviewService.text($0, formatting) },
                            interviewOutcomeKey: candidate.interview?.outcome?.key,
                            mayPropose: candidate.interview?.status.isOpen != true,
                            proposal: proposal(placeID: list.placeID, applicationID: candidate.applicationID),
                            outcomeAction: candidate.interview.flatMap { interview in
                                guard interview.status == .confirmed, let time = interview.confirmedTime, time <= now else { return nil }
                                return SiteURL.employerPortalInterviewOutcome(interview.id).path
                            },
                            cancelAction: candidate.interview.flatMap { interview in
                                guard InterviewService.mayCancel(status: interview.status, confirmedTime: interview.confirmedTime, now: now)
                                else { return nil }
                                return SiteURL.employerPortalInterviewCancel(interview.id).path
                            })
                    },
                    offerAction: SiteURL.employerPortalShortlistOffers(list.placeID).path,
                    interviewAction: SiteURL.employerPortalShortlistInterviews(list.placeID).path,
                    unusable: unusable[list.placeID] ?? [], isUnusable: !list.unusableReasons.isEmpty,
                    freeSeats: max(0, list.freeSeats))
            }, hasPlaces: !lists.isEmpty)
        return try await request.render(
            "Selection/employer-shortlists", page, layout: .init(request: request, titleKey: "selection.employer.title"), status: status)
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

extension EmployerShortlistsController {
    struct InterviewForm: Content {
        var applicationID: UUID?
        var time1: String?
        var time2: String?
        var time3: String?
        var note: String?
    }

    /// The contact proposes interview times to a listed candidate: stored and mailed. Wrong times
    /// come back on the list with a field error (400); an interview already open is a 409 page.
    @Sendable static func proposeInterview(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let form = try request.content.decode(InterviewForm.self)
        guard let applicationID = form.applicationID, let placeID = request.idParameter else { throw AppError.notFound }
        do {
            try await request.interviewService.propose(
                .init(times: [form.time1, form.time2, form.time3], note: form.note), applicationID: applicationID,
                placeID: placeID, byContact: user.id, actor: request.auditActor)
        } catch let errors as FormErrors {
            return try await render(
                request, failed: FailedProposal(placeID: placeID, applicationID: applicationID, form: form, errors: errors.fields),
                status: .badRequest)
        } catch let refusal as InterviewService.Refusal {
            throw AppError.conflict(messageKey: refusal.rawValue)
        }
        return request.redirectShowingSaved(to: .employerPortalShortlists)
    }

    struct OutcomeForm: Content {
        var outcome: String?
    }

    /// The contact records how a confirmed interview went, once its time has passed.
    @Sendable static func recordInterviewOutcome(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard let interviewID = request.idParameter else { throw AppError.notFound }
        guard let choice = try request.content.decode(OutcomeForm.self).outcome.flatMap(InterviewService.OutcomeChoice.init(rawValue:))
        else { throw AppError.badRequest(messageKey: "form.required") }
        do {
            try await request.interviewService.recordOutcome(
                choice, interviewID: interviewID, byContact: user.id, actor: request.auditActor)
        } catch let refusal as InterviewService.Refusal {
            throw AppError.conflict(messageKey: refusal.rawValue)
        }
        return request.redirectShowingSaved(to: .employerPortalShortlists)
    }

    /// The contact calls off an interview that waits for an answer or whose time is ahead.
    @Sendable static func cancelInterview(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard let interviewID = request.idParameter else { throw AppError.notFound }
        do {
            try await request.interviewService.cancel(interviewID: interviewID, byContact: user.id, actor: request.auditActor)
        } catch let refusal as InterviewService.Refusal {
            throw AppError.conflict(messageKey: refusal.rawValue)
        }
        return request.redirectShowingSaved(to: .employerPortalShortlists)
    }
}
