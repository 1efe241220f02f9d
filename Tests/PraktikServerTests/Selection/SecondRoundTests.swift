import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// The second round (issue 12): after the employers' answer days, the seats still empty are matched
/// with the eligible applicants still without a place or a waiting offer, never a pair the employer
/// already had; published, its lists are added to the first round's.
@Suite("Second round")
struct SecondRoundServerTests {
    static let answerDays = 14

    /// Applicants who became eligible after the first round, like the first ones (fields, districts,
    /// languages), so the engine has someone new to propose.
    static func lateApplicants(_ app: Application, _ setup: MatchingRunTests.Setup, count: Int) async throws -> [UUID] {
        let fields = ["computer_science", "economics", "technology", "marketing"]
        let districts = ["Rinkeby-Kista", "Södermalm", "Bromma"]
        var ids: [UUID] = []
        for index in 0..<count {
            var form = Fixtures.applicationForm(
                personNumber: Fixtures.personNumber(year: 1990, month: 6, day: 1 + index % 28, serial: 500 + index),
                firstName: "Sen\(index)")
            form["educationField"] = fields[index % fields.count]
            form["homeDistrict"] = districts[index % districts.count]
            form["level1"] = ["B2", "C1", "C2", "native"][index % 4]
            let application = try await Fixtures.application(app, intake: setup.intake, form: form)
            application.availableFrom = "2027-01-01"
            try await application.save(on: app.db)
            ids.append(try application.requireID())
        }
        return ids
    }

    static func secondRound(_ app: Application, _ intake: Intake) async throws -> MatchingRun {
        let service = MatchingRunService(database: app.db, clock: app.clock)
        let run = try await service.request(
            intake: intake, settings: .init(), by: nil, via: .commandLine, round: .second, answerDays: answerDays)
        try await service.execute(runID: try run.requireID())
        return try #require(try await MatchingRun.find(run.id, on: app.db))
    }

    struct Pair: Decodable, Hashable {
        let place_id: UUID
        let application_id: UUID
    }

    @Test(
        "waits for the answer days; then only eligible, unplaced applicants without a waiting offer, only empty seats, no pair the employer had"
    )
    func restricted() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await OfferTests.published(app)
            let intake = published.setup.intake
            let firstPairs = Set(
                try await app.db.sql.raw(
                    """
                    SELECT place_id, application_id FROM matching_proposals
                    WHERE run_id = \(bind: published.run.requireID()) AND removed_at IS NULL
                    """
                ).all(decoding: Pair.self))

            // Too early: the employers still have their days to answer.
            await #expect(throws: AppError.conflict(messageKey: SecondRound.Refusal.tooEarly.key)) {
                _ = try await Self.secondRound(app, intake)
            }

            // One candidate accepts the place; after the answer days another is offered it if a seat is left.
            let placed = published.listed[0]
            #expect(try await OfferTests.select(published, placed).status == .seeOther)
            #expect(try await OfferTests.answer(app, try await OfferTests.offerLink(app, placed), "accept").status == .ok)
            clock.advance(by: Double(Self.answerDays) * 86_400)
            var waiting: UUID?
            if published.place.capacity > 1, published.listed.count > 1 {
                waiting = published.listed[1]
                #expect(try await OfferTests.select(published, published.listed[1]).status == .seeOther)
            }
            let late = try await Self.lateApplicants(app, published.setup, count: 4)

            let second = try await Self.secondRound(app, intake)
            #expect(second.matchingRound == .second)
            #expect(second.basedOnRunID == published.run.id)
            #expect(second.runStatus == .done)
            let proposed = try await app.db.sql.raw(
                "SELECT place_id, application_id FROM matching_proposals WHERE run_id = \(bind: second.requireID())"
            ).all(decoding: Pair.self)
            #expect(!proposed.isEmpty, "the late applicants fit the places the first round listed")
            #expect(proposed.contains { late.contains($0.application_id) })
            let eligibility = IntakeEligibility(database: app.db)
            for pair in proposed {
                #expect(!firstPairs.contains(pair), "a pair the employer had is proposed again")
                #expect(pair.application_id != placed)
                #expect(pair.application_id != waiting)
                let application = try #require(try await IntakeApplication.find(pair.application_id, on: app.db))
                #expect(
                    try await eligibility.isGreenOrCleared(participantID: application.$participant.id, intakeID: try intake.requireID()))
            }
            // No place gets more candidates than its empty seats allow (k = 3 per seat).
            for (placeID, pairs) in Dictionary(grouping: proposed, by: \.place_id) {
                let place = try #require(try await Place.find(placeID, on: app.db))
                let empty = try await OfferService.freeSeats(
                    placeID: placeID, capacity: place.capacity, today: try app.clock.today(), on: app.db)
                #expect(empty > 0)
                #expect(pairs.count <= 3 * empty)
            }
            #expect(!proposed.contains { $0.place_id == published.place.id }, "the place is full or promised")
        }
    }

    @Test("published without replacing the first round; the employer sees both rounds' lists and can offer from the second")
    func publishedBesideTheFirst() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await OfferTests.published(app)
            let intake = published.setup.intake
            clock.advance(by: Double(Self.answerDays) * 86_400)
            _ = try await Self.lateApplicants(app, published.setup, count: 4)
            let second = try await Self.secondRound(app, intake)
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: published.setup.unit)
            let actor = AuditLog.Actor(userID: worker.id, role: "case_worker", clientAddress: nil)
            let review = ShortlistReview(database: app.db, clock: app.clock)
            try await review.publish(second, replacing: false, by: actor, translations: app.translations, publicURL: "http://praktik.test")

            // The lists in force are both runs'.
            let inForce = Set(try await ListsInForce.runIDs(of: try intake.requireID(), on: app.db))
            #expect(inForce == [try published.run.requireID(), try second.requireID()])
            let proposed = try await app.db.sql.raw(
                "SELECT place_id, application_id FROM matching_proposals WHERE run_id = \(bind: second.requireID())"
            ).all(decoding: Pair.self)
            let pair = try #require(proposed.first)
            let place = try #require(try await Place.find(pair.place_id, on: app.db))
            let workplace = try #require(try await Workplace.find(place.$workplace.id, on: app.db))
            let (contact, contactUser) = try await Fixtures.contact(app, of: [workplace])
            let lists = try await EmployerShortlists(database: app.db, clock: app.clock).shortlists(
                forContact: try contactUser.requireID(), by: .init(userID: contactUser.id, role: "employer_contact", clientAddress: nil))
            let shown = Set(
                lists.flatMap { list in list.candidates.map { Pair(place_id: list.placeID, application_id: $0.applicationID) } })
            #expect(shown.contains(pair))
            _ = try await contact.get(SiteURL.employerPortalShortlists.path)
            let offered = try await contact.post(
                SiteURL.employerPortalShortlistOffers(pair.place_id).path, form: ["applicationID": pair.application_id.uuidString])
            #expect(offered.status == .seeOther, "\(offered.body.string.suffix(1500))")
            #expect(try await Offer.query(on: app.db).filter(\.$applicationID == pair.application_id).first()?.runID == second.id)

            // A new first round published in its place takes the second round's lists out of force,
            // and an unpublished second round made before it can no longer be published.
            let another = try await Self.secondRound(app, intake)
            let rerun = try await MatchingRunTests.run(app, published.setup)
            try await review.publish(rerun, replacing: true, by: actor, translations: app.translations, publicURL: "http://praktik.test")
            #expect(try await ListsInForce.runIDs(of: try intake.requireID(), on: app.db) == [try rerun.requireID()])
            if (another.proposalCount ?? 0) > 0 {
                await #expect(throws: AppError.conflict(messageKey: "selection.second-round.first-replaced")) {
                    try await review.publish(
                        another, replacing: false, by: actor, translations: app.translations, publicURL: "http://praktik.test")
                }
            }
        }
    }

    @Test("the matching page says when the second round opens, then starts it as a job with the first round's settings")
    func page() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await OfferTests.published(app)
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: published.setup.unit)
            let browser = Browser(app)
            _ = try await browser.signIn(worker.email)
            let path = SiteURL.intakeMatching(try published.setup.intake.requireID()).path
            let before = try await browser.get(path).body.string
            #expect(before.contains(app.translations.text(for: "selection.second-round", in: .swedish)))
            #expect(!before.contains("name=\"round\""))
            let early = try await browser.post(path, form: ["round": "2"])
            #expect(early.status == .conflict)
            #expect(try await MatchingRun.query(on: app.db).filter(\.$round == 2).count() == 0)

            clock.advance(by: Double(app.settings.misuseThresholds.answerDays) * 86_400)
            _ = try await browser.signIn(worker.email)  // the session ended meanwhile
            let open = try await browser.get(path).body.string
            #expect(open.contains("name=\"round\" value=\"2\""))
            let started = try await browser.post(path, form: ["round": "2"])
            #expect(started.status == .seeOther)
            _ = try await Fixtures.runJobs(app)
            let run = try #require(try await MatchingRun.query(on: app.db).filter(\.$round == 2).first())
            #expect(run.runStatus == .done)
            #expect(run.basedOnRunID == published.run.id)
            #expect(run.candidatesPerSeat == published.run.candidatesPerSeat)
            #expect(run.requestedBy == worker.id)
            let done = try await browser.get(path).body.string
            #expect(done.contains(app.translations.text(for: "selection.round.2", in: .swedish)))
        }
    }

    @Test("praktik match --round 2 refuses before the answer days with the reason, then runs")
    func commandLine() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await OfferTests.published(app)
            let intakeID = try published.setup.intake.requireID()
            await #expect(throws: CommandLineMatching.Refusal.self) {
                _ = try await CommandLineMatching.run(
                    intakeID: intakeID, mode: "shortlist", candidatesPerSeat: 3, listsPerApplicant: 3, round: 2, on: app)
            }
            clock.advance(by: Double(app.settings.misuseThresholds.answerDays) * 86_400)
            let line = try await CommandLineMatching.run(
                intakeID: intakeID, mode: "shortlist", candidatesPerSeat: 3, listsPerApplicant: 3, round: 2, on: app)
            #expect(line.contains("\"round\": 2"))
            #expect(line.contains("\"status\": \"done\""))
        }
    }
}
