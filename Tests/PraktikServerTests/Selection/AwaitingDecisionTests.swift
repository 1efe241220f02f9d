import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// An accepted offer is a planned placement waiting for the authority (issues 12 and 13): it is on
/// the case worker's worklist, can be decided (every prerequisite but the seat) or called off
/// (the seat given back), and nothing else happens to it before.
@Suite("Decisions waiting")
struct AwaitingDecisionTests {
    struct Accepted {
        let published: OfferTests.Published
        let placement: Placement
        let worker: Browser
    }

    /// A published shortlist, an offer accepted by link, and a signed-in case worker of the intake's unit.
    static func accepted(_ app: Application) async throws -> Accepted {
        let published = try await OfferTests.published(app)
        let chosen = published.listed[0]
        #expect(try await OfferTests.select(published, chosen).status == .seeOther)
        let link = try await OfferTests.offerLink(app, chosen)
        #expect(try await OfferTests.answer(app, link, "accept").status == .ok)
        let placement = try #require(try await Placement.query(on: app.db).filter(\.$applicationID == chosen).first())
        let user = try await Fixtures.user(app, role: .caseWorker, unit: published.setup.unit)
        let worker = Browser(app)
        #expect(try await worker.signIn(user.email).status == .seeOther)
        return Accepted(published: published, placement: placement, worker: worker)
    }

    static func decide(_ accepted: Accepted, programme: String = "jobbspranget") async throws -> TestingHTTPResponse {
        let placementID = try accepted.placement.requireID()
        try await accepted.worker.get(SiteURL.placement(placementID).path)
        return try await accepted.worker.post(
            SiteURL.placementDecision(placementID).path,
            form: [
                "programme": programme, "purpose": "", "start": accepted.placement.plannedStart, "end": accepted.placement.plannedEnd,
                "justification": "Antagen efter intervju",
            ])
    }

    @Test("the worklist lists it under decisions waiting; its page offers the decision and no start")
    func worklistAndPage() async throws {
        try await withPraktikApp { app in
            let accepted = try await Self.accepted(app)
            let placementID = try accepted.placement.requireID()
            #expect(accepted.placement.isAwaitingDecision)
            let worklist = try await accepted.worker.get(SiteURL.worklist.path).body.string
            #expect(worklist.contains(app.translations.text(for: "worklist.decisions.title", in: .swedish)))
            #expect(worklist.contains(SiteURL.placement(placementID).path + "#decision"))
            #expect(!worklist.contains(SiteURL.placement(placementID).path + "#actions"), "listed as starting soon before it is decided")

            let page = try await accepted.worker.get(SiteURL.placement(placementID).path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains(SiteURL.placementDecision(placementID).path))
            #expect(!page.body.string.contains("value=\"start\""))
            // Starting it before the decision is refused by the status machine.
            let started = try await accepted.worker.post(
                SiteURL.placementAction(placementID).path, form: ["action": "start", "date": accepted.placement.plannedStart])
            #expect(started.status == .conflict)
            #expect(try await Placement.find(placementID, on: app.db)?.placementStatus == .planned)

            // Another unit's case worker does not find it.
            let otherUnit = try await Fixtures.unit(app, code: "OTHER-1")
            let strangerUser = try await Fixtures.user(app, role: .caseWorker, unit: otherUnit)
            let stranger = Browser(app)
            #expect(try await stranger.signIn(strangerUser.email).status == .seeOther)
            #expect(try await stranger.get(SiteURL.placement(placementID).path).status == .notFound)
            #expect(!(try await stranger.get(SiteURL.worklist.path).body.string.contains(SiteURL.placement(placementID).path)))
        }
    }

    @Test("deciding records the decision, plans the follow-ups, writes the letter and leaves the worklist")
    func decide() async throws {
        try await withPraktikApp { app in
            let accepted = try await Self.accepted(app)
            let placementID = try accepted.placement.requireID()
            let response = try await Self.decide(accepted)
            #expect(response.status == .seeOther, "\(response.body.string.suffix(4000))")
            let decided = try #require(try await Placement.find(placementID, on: app.db))
            #expect(decided.decidedAt != nil)
            #expect(!decided.isAwaitingDecision)
            #expect(decided.programme == "jobbspranget")
            #expect(decided.justification == "Antagen efter intervju")
            #expect(try await FollowUp.query(on: app.db).filter(\.$placement.$id == placementID).count() > 0)
            #expect(try await PlaceSeats.seatsTaken(placeID: accepted.published.place.requireID(), on: app.db) == 1)
            let application = try #require(try await IntakeApplication.find(decided.applicationID, on: app.db))
            #expect(application.placementDecidedAt != nil)
            // The intake's funnel (issue 11) counts the offer and the decision, in the applicant's gender.
            let funnel = try await FunnelService(sql: app.db.sql).funnel(of: try accepted.published.setup.intake.requireID())
            #expect(funnel.total(.offered) == 1)
            #expect(funnel.total(.decided) == 1)
            let gender = try #require(Gender(rawValue: application.gender))
            #expect(funnel.count(.decided, gender) == 1)
            #expect(try await accepted.worker.get(SiteURL.placementLetter(placementID).path).status == .ok)
            let worklist = try await accepted.worker.get(SiteURL.worklist.path).body.string
            #expect(!worklist.contains(SiteURL.placement(placementID).path + "#decision"))
            // Deciding again is refused: it is decided.
            #expect(try await Self.decide(accepted).status == .conflict)
        }
    }

    @Test("a decision whose prerequisites fail lists every reason and decides nothing")
    func refusedPrerequisites() async throws {
        try await withPraktikApp { app in
            let accepted = try await Self.accepted(app)
            let placementID = try accepted.placement.requireID()
            let response = try await Self.decide(accepted, programme: "no-such-programme")
            #expect(response.status == .badRequest)
            let employer = try #require(try await Employer.find(accepted.published.place.$employer.id, on: app.db))
            employer.isActive = false
            try await employer.save(on: app.db)
            let refused = try await Self.decide(accepted)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains(app.translations.text(for: "placement.refusal.place-not-usable", in: .swedish)))
            #expect(try await Placement.find(placementID, on: app.db)?.decidedAt == nil)
        }
    }

    @Test("calling it off gives the seat back")
    func callOff() async throws {
        try await withPraktikApp { app in
            let accepted = try await Self.accepted(app)
            let placementID = try accepted.placement.requireID()
            try await accepted.worker.get(SiteURL.placement(placementID).path)
            let cancelled = try await accepted.worker.post(
                SiteURL.placementAction(placementID).path,
                form: ["action": "cancel", "date": accepted.placement.plannedStart, "reason": "employer_withdrew"])
            #expect(cancelled.status == .seeOther)
            #expect(try await Placement.find(placementID, on: app.db)?.placementStatus == .cancelled)
            #expect(try await PlaceSeats.seatsTaken(placeID: accepted.published.place.requireID(), on: app.db) == 0)
        }
    }

    @Test("two case workers deciding at once: one decision, the other told, no 500")
    func decidingAtOnce() async throws {
        try await withPraktikApp { app in
            let accepted = try await Self.accepted(app)
            let placementID = try accepted.placement.requireID()
            let service = PlacementDecisionService(database: app.db, clock: app.clock)
            let input = PlacementDecisionService.AwaitingInput(
                programme: "jobbspranget", purpose: nil, start: try #require(accepted.placement.plannedStartDate),
                end: accepted.placement.plannedEndDate, justification: nil)
            let (successes, errors) = await RaceTests.race(10) {
                try await service.decideAwaiting(accepted.placement, input, by: Fixtures.actor)
            }
            #expect(successes == 1)
            for error in errors {
                #expect(error as? AppError == .conflict(messageKey: "placement.changed-meanwhile"), "\(String(reflecting: error))")
            }
            #expect(
                try await PlacementEvent.query(on: app.db).filter(\.$placement.$id == placementID).filter(\.$kind == "decided").count() == 1
            )
        }
    }
}
