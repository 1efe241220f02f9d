import Fluent
import Foundation
import PraktikCore
import Vapor

/// `/matching-runs/{id}`: the review of a finished run, place by place (25 a page), each candidate
/// with the score's explanation; taking a candidate off a list or adding one by hand, each with a
/// reason; publishing. Who may see the run is who may work with its intake (`IntakeScope`).
enum ShortlistsController {
    struct Page: Encodable {
        struct Candidate: Encodable {
            let proposalID: String
            let name: String
            let href: String
            let score: Int
            let reasons: [String]
            let addedReason: String?
            let removedReason: String?
            /// The latest interview the employer proposed, once published: its status and confirmed time.
            let interviewKey: String?
            let interviewTime: String?
        }

        struct PlaceList: Encodable {
            let title: String
            let employerName: String
            let district: String
            /// Leaf's `#if` counts an empty string as true.
            let hasDistrict: Bool
            let freeSeats: Int
            let candidates: [Candidate]
            let removed: [Candidate]
            let hasRemoved: Bool
            let addHref: String
        }

        let intakeName: String
        let matchingHref: String
        let modeKey: String
        let requestedAt: Date
        let isPublished: Bool
        let publishedAt: Date?
        let otherPublished: Bool
        let isEditable: Bool
        let canPublish: Bool
        let removeAction: String
        let publishAction: String
        let places: [PlaceList]
        let hasPlaces: Bool
        let list: ListQuery
        let errorKey: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let (run, intake) = try await find(request)
        return try await render(request, run, intake, errorKey: nil, status: .ok)
    }

    struct RemoveForm: Content {
        var proposal: String?
        var reason: String?
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        let (run, intake) = try await find(request)
        let form = try request.content.decode(RemoveForm.self)
        do {
            try await review(request).remove(
                proposalID: form.proposal.flatMap(UUID.init(uuidString:)), from: run, reason: form.reason ?? "", by: request.auditActor)
        } catch let errors as FormErrors {
            return try await render(request, run, intake, errorKey: errors.fields["reason"], status: .badRequest)
        }
        return request.redirectShowingSaved(to: .matchingRun(try run.requireID()))
    }

    struct PublishForm: Content {
        var replace: String?
    }

    @Sendable static func publish(_ request: Request) async throws -> Response {
        let (run, intake) = try await find(request)
        let form = try request.content.decode(PublishForm.self)
        do {
            try await review(request).publish(
                run, replacing: form.replace == "yes", by: request.auditActor, translations: request.application.translations,
                publicURL: request.application.settings.publicURL)
        } catch AppError.conflict(let key) {
            return try await render(request, run, intake, errorKey: key, status: .conflict)
        }
        return request.redirectShowingSaved(to: .matchingRun(try run.requireID()))
    }

    struct AddPage: Encodable {
        struct Option: Encodable {
            let value: String
            let label: String
        }

        let intakeName: String
        let backHref: String
        let placeTitle: String
        let employerName: String
        let action: String
        let placeValue: String
        let options: [Option]
        let hasOptions: Bool
        let errors: [String: String]
    }

    @Sendable static func addForm(_ request: Request) async throws -> Response {
        let (run, intake) = try await find(request)
        return try await renderAdd(request, run, intake, placeID: UUID(uuidString: request.query("place")), errors: [:], status: .ok)
    }

    struct AddForm: Content {
        var place: String?
        var candidate: String?
        var reason: String?
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        let (run, intake) = try await find(request)
        let form = try request.content.decode(AddForm.self)
        let placeID = form.place.flatMap(UUID.init(uuidString:))
        do {
            try await review(request).add(
                applicationID: form.candidate.flatMap(UUID.init(uuidString:)), to: placeID, in: run, intake: intake,
                reason: form.reason ?? "",
                by: request.auditActor)
        } catch let errors as FormErrors {
            return try await renderAdd(request, run, intake, placeID: placeID, errors: errors.fields, status: .badRequest)
        }
        return request.redirectShowingSaved(to: .matchingRun(try run.requireID()))
    }

    private static func renderAdd(
        _ request: Request, _ run: MatchingRun, _ intake: Intake, placeID: UUID?, errors: [String: String], status: HTTPResponseStatus
    ) async throws -> Response {
        let (place, candidates) = try await review(request).addable(to: placeID, in: run, intake: intake)
        let runID = try run.requireID()
        let page = AddPage(
            intakeName: intake.name, backHref: SiteURL.matchingRun(runID).path, placeTitle: place.title, employerName: place.employerName,
            action: SiteURL.matchingRunAdd(runID).path, placeValue: place.placeID.uuidString,
            options: candidates.map { .init(value: $0.applicationID.uuidString, label: "\($0.name) (\($0.score))") },
            hasOptions: !candidates.isEmpty, errors: errors)
        return try await request.render(
            "Selection/shortlist-add", page, layout: .init(request: request, titleKey: "selection.add.title"), status: status)
    }

    private static func render(
        _ request: Request, _ run: MatchingRun, _ intake: Intake, errorKey: String?, status: HTTPResponseStatus
    ) async throws -> Response {
        let runID = try run.requireID()
        let review = review(request)
        var list = ListQuery(request, url: .matchingRun(runID), perPage: 25)
        list.total = try await review.placeCount(of: runID)
        let lists = try await review.lists(of: runID, limit: list.limit, offset: list.offset)
        let published = try await review.publishedRun(of: run.$intake.id)
        let translations = request.application.translations
        // Interviews the employers proposed on this run's lists: one query, the newest per candidate and place.
        var interviews: [String: Interview] = [:]
        if run.publishedAt != nil {
            for interview in try await Interview.query(on: request.db).filter(\.$runID == runID).sort(\.$createdAt).all() {
                interviews["\(interview.placeID)/\(interview.applicationID)"] = interview
            }
        }
        let formatting = LocalFormatting(language: request.language)
        func candidate(_ entry: ShortlistReview.Entry, placeID: UUID) -> Page.Candidate {
            let interview = interviews["\(placeID)/\(entry.applicationID)"]
            return Page.Candidate(
                proposalID: entry.proposalID.uuidString, name: entry.name, href: SiteURL.application(entry.applicationID).path,
                score: entry.score,
                reasons: ExplanationText.phrases(entry.components, in: request.language, translations: translations),
                addedReason: entry.addedReason, removedReason: entry.removedReason, interviewKey: interview?.interviewStatus.key,
                interviewTime: interview?.confirmedTime.map { InterviewService.text($0, formatting) })
        }
        let editable = run.runStatus == .done && run.publishedAt == nil
        let page = Page(
            intakeName: intake.name, matchingHref: SiteURL.intakeMatching(run.$intake.id).path, modeKey: "selection.mode.\(run.mode)",
            requestedAt: run.requestedAt, isPublished: run.publishedAt != nil, publishedAt: run.publishedAt,
            otherPublished: run.matchingRound == .first && published != nil && published?.id != runID, isEditable: editable,
            canPublish: editable && (run.proposalCount ?? 0) > 0, removeAction: SiteURL.matchingRunRemove(runID).path,
            publishAction: SiteURL.matchingRunPublish(runID).path,
            places: lists.map { place in
                Page.PlaceList(
                    title: place.title, employerName: place.employerName, district: place.district ?? "",
                    hasDistrict: !(place.district ?? "").isEmpty, freeSeats: place.freeSeats,
                    candidates: place.entries.map { candidate($0, placeID: place.placeID) },
                    removed: place.removed.map { candidate($0, placeID: place.placeID) }, hasRemoved: !place.removed.isEmpty,
                    addHref: SiteURL.matchingRunAdd(runID).path(query: ["place": place.placeID.uuidString]))
            }, hasPlaces: !lists.isEmpty, list: list, errorKey: errorKey)
        return try await request.render(
            "Selection/shortlists", page, layout: .init(request: request, titleKey: "selection.review.title"), status: status)
    }

    /// The run, if the user may work with its intake; otherwise "not found".
    static func find(_ request: Request) async throws -> (MatchingRun, Intake) {
        guard let id = request.idParameter, let run = try await MatchingRun.find(id, on: request.db) else { throw AppError.notFound }
        let intake = try await IntakeScope(user: try request.requireUser()).find(run.$intake.id, on: request.db)
        return (run, intake)
    }

    private static func review(_ request: Request) -> ShortlistReview {
        ShortlistReview(database: request.db, clock: request.application.clock)
    }
}
