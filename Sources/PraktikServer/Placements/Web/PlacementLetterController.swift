import Fluent
import Foundation
import PraktikCore
import Vapor

/// The decision letter (beslut om praktik): in the participant's language whatever the reader's,
/// with the decision, its reasons and how to ask for it to be reviewed. A plain page with a print
/// stylesheet; the case worker prints it or the participant reads it in the portal.
enum PlacementLetterController {
    struct LetterPage: Encodable {
        let name: String
        let address: String
        let hasAddress: Bool
        let decidedOn: String
        let programme: String
        let employer: String
        let workplace: String
        /// Leaf's `#if` counts an empty string as true: a workplace without an address would leave a stray comma.
        let hasWorkplace: Bool
        let placeTitle: String
        let period: String
        let purpose: String
        let purposeDescription: String
        let hasPurpose: Bool
        let hoursPerWeek: Int
        let justification: String
        let hasJustification: Bool
        let fromApplication: Bool
        let supervisor: String
        let hasSupervisor: Bool
        let decidedBy: String
        /// With no decider on record (no account behind the decision) the letter is signed by the unit alone,
        /// not "Decided by , unit".
        let hasDecider: Bool
        let unit: String
        let statusKey: String
        let isCancelled: Bool
        let appealKey: String
        let backHref: String
    }

    @Sendable static func staff(_ request: Request) async throws -> Response {
        let (placement, participant) = try await PlacementsController.find(request, audit: true)
        return try await render(request, placement: placement, participant: participant, backHref: SiteURL.placement(placement.id).path)
    }

    /// The participant's own letter, in the portal.
    @Sendable static func portal(_ request: Request) async throws -> Response {
        let (placement, participant) = try await PlacementScope(user: try request.requireUser()).find(request.idParameter, on: request.db)
        try await request.auditLog().record(
            .view, by: request.auditActor, recordType: .participant, recordID: participant.id, detail: "placement letter")
        return try await render(request, placement: placement, participant: participant, backHref: SiteURL.portal.path)
    }

    static func render(_ request: Request, placement: Placement, participant: Participant, backHref: String) async throws -> Response {
        let db = request.db
        let tag = placement.participantLanguage(participant)
        // The letter speaks the participant's language, not the reader's.
        request.language = PlacementMail.language(tag)
        let context = try await PlacementContext.load(placement, on: db)
        let programme = context.programme, purpose = context.purpose, place = context.place
        let workplace = context.workplace, employer = context.employer
        let agreement = try await PlacementAgreement.query(on: db).filter(\.$placement.$id == placement.requireID()).first()
        let plan = try await request.placementService.hoursPlan(of: placement.requireID())
        let decider = context.decider, unit = context.unit
        let country = programme?.country ?? "SE"
        let page = LetterPage(
            name: participant.displayName, address: participant.postalAddress ?? "", hasAddress: !(participant.postalAddress ?? "").isEmpty,
            decidedOn: placement.decidedAt.flatMap { CivilDate($0)?.description } ?? "",
            programme: programme?.name(in: tag) ?? "", employer: employer?.name ?? "",
            workplace: workplace.map { $0.fullAddress } ?? "", hasWorkplace: !(workplace?.fullAddress ?? "").isEmpty,
            placeTitle: place?.title ?? "",
            period: placement.plannedStart + " – " + placement.plannedEnd, purpose: purpose?.name(in: tag) ?? "",
            purposeDescription: purpose?.description(in: tag) ?? "", hasPurpose: purpose != nil,
            hoursPerWeek: plan.steps.first?.hoursPerWeek ?? place?.hoursPerWeek ?? 0,
            justification: placement.justification ?? "", hasJustification: !(placement.justification ?? "").isEmpty,
            fromApplication: placement.origin == PlacementOrigin.application.rawValue,
            supervisor: agreement?.supervisorName ?? "", hasSupervisor: agreement != nil, decidedBy: decider?.displayName ?? "",
            hasDecider: !(decider?.displayName ?? "").isEmpty,
            unit: unit?.name ?? "", statusKey: "placement-status.\(placement.status)", isCancelled: placement.placementStatus == .cancelled,
            appealKey: country == "DK" ? "letter.appeal.dk" : "letter.appeal.se", backHref: backHref)
        return try await request.render(
            "Placements/letter", page, layout: .init(request: request, titleKey: "letter.title", titleArgument: page.name))
    }
}
