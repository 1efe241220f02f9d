import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Offers (issue 12): the employer selects a listed candidate, the candidate answers by a mailed
/// link, acceptance takes a seat and makes a planned placement waiting for the authority's decision.
@Suite("Offers")
struct OfferTests {
    struct Published {
        let setup: MatchingRunTests.Setup
        let run: MatchingRun
        let place: Place
        let listed: [UUID]  // application ids on the place's list
        let contact: Browser
    }

    /// A published run, the place with the longest list, and a signed-in contact of its workplace.
    static func published(_ app: Application, employers: Int = 800) async throws -> Published {
        let setup = try await MatchingRunTests.setup(app, applicants: 6, places: 3, employers: employers)
        let run = try await MatchingRunTests.run(app, setup, k: 3, b: 3)
        let worker = try await Fixtures.user(app, role: .caseWorker, unit: setup.unit)
        try await ShortlistReview(database: app.db, clock: app.clock).publish(
            run, replacing: false, by: .init(userID: worker.id, role: "case_worker", clientAddress: nil),
            translations: app.translations, publicURL: "http://praktik.test")
        let proposals = try await MatchingRunTests.proposals(app, of: run)
        let placeID = try #require(Dictionary(grouping: proposals, by: \.place_id).max { $0.value.count < $1.value.count }?.key)
        let place = try #require(try await Place.find(placeID, on: app.db))
        let workplace = try #require(try await Workplace.find(place.$workplace.id, on: app.db))
        let (contact, _) = try await Fixtures.contact(app, of: [workplace])
        let listed = proposals.filter { $0.place_id == placeID }.sorted { $0.score > $1.score }.map(\.application_id)
        return Published(setup: setup, run: run, place: place, listed: listed, contact: contact)
    }

    /// The contact selects `applicationID` for the place through the portal.
    static func select(_ published: Published, _ applicationID: UUID) async throws -> TestingHTTPResponse {
        try await published.contact.get(SiteURL.employerPortalShortlists.path)
        return try await published.contact.post(
            SiteURL.employerPortalShortlistOffers(try published.place.requireID()).path, form: ["applicationID": applicationID.uuidString])
    }

    /// The offer link mailed to the applicant of `applicationID`.
    static func offerLink(_ app: Application, _ applicationID: UUID) async throws -> String {
        let application = try #require(try await IntakeApplication.find(applicationID, on: app.db))
        let participant = try #require(try await Participant.find(application.$participant.id, on: app.db))
        let mail = try await Fixtures.mail(to: try #require(participant.email), app)
        let links = mail.compactMap { Fixtures.link(in: $0.bodyText, prefix: "offers") }
        return try #require(links.last)
    }

    static func answer(_ app: Application, _ link: String, _ answer: String) async throws -> TestingHTTPResponse {
        let browser = Browser(app)
        try await browser.get(link)
        return try await browser.post(link, form: ["answer": answer])
    }

    @Test("select, mail, accept: a seat taken, a planned placement awaiting decision, the name shown to the employer")
    func selectAndAccept() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            let chosen = published.listed[0]
            let selected = try await Self.select(published, chosen)
            #expect(selected.status == .seeOther, "\(selected.body.string.suffix(3000))")
            let offer = try #require(try await Offer.query(on: app.db).filter(\.$applicationID == chosen).first())
            #expect(offer.offerStatus == .offered)
            #expect(try await IntakeApplication.find(chosen, on: app.db)?.offeredAt != nil)
            // The employer sees the offer waiting, no name yet.
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            let name = try #require(try await Participant.find(application.$participant.id, on: app.db)?.displayName)
            var portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(app.translations.text(for: "offer-status.offered", in: .swedish)))
            #expect(!portal.contains(name))

            let link = try await Self.offerLink(app, chosen)
            let browser = Browser(app)
            let page = try await browser.get(link)
            #expect(page.status == .ok)
            #expect(page.body.string.contains(published.place.title))
            #expect(page.body.string.contains("name=\"answer\" value=\"accept\""))
            let accepted = try await browser.post(link, form: ["answer": "accept"])
            #expect(accepted.status == .ok, "\(accepted.body.string.prefix(400))")

            let placements = try await Placement.query(on: app.db).filter(\.$place.$id == published.place.requireID()).all()
            #expect(placements.count == 1)
            let placement = try #require(placements.first)
            #expect(placement.placementStatus == .planned)
            #expect(placement.decidedAt == nil)
            #expect(placement.origin == PlacementOrigin.application.rawValue)
            #expect(placement.applicationID == chosen)
            #expect(try await PlaceSeats.seatsTaken(placeID: published.place.requireID(), on: app.db) == 1)
            #expect(try await Offer.find(offer.id, on: app.db)?.offerStatus == .accepted)

            // The link now says what was answered, and a second answer writes nothing.
            let again = try await browser.get(link)
            #expect(again.status == .ok)
            #expect(again.body.string.contains(app.translations.text(for: "offer.accepted.title", in: .swedish)))
            let twice = try await browser.post(link, form: ["answer": "accept"])
            #expect(twice.status == .ok)
            #expect(try await Placement.query(on: app.db).filter(\.$place.$id == published.place.requireID()).count() == 1)

            // Once accepted, the employer has a right to the name.
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(name))
            #expect(portal.contains(app.translations.text(for: "offer-status.accepted", in: .swedish)))
        }
    }

    @Test("the offer column shows no stray separator: nothing before an offer, the state without a name while it waits")
    func offerColumnWithoutName() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            let strayCell = try Regex(#"<td>\s*·"#)
            var portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(app.translations.text(for: "selection.offer.select", in: .swedish, arguments: ["1"])))
            #expect(!portal.contains(strayCell), "a candidate without an offer shows a lone separator")
            let selected = try await Self.select(published, published.listed[0])
            #expect(selected.status == .seeOther)
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            let offered = app.translations.text(for: "offer-status.offered", in: .swedish)
            #expect(portal.contains(offered))
            #expect(!portal.contains(offered + " ·"), "a waiting offer shows a separator before an empty name")
        }
    }

    @Test("declining frees nothing that was not taken, and the application is eligible again")
    func decline() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            let chosen = published.listed[0]
            let before = try await IntakeApplication.find(chosen, on: app.db)?.status
            #expect(try await Self.select(published, chosen).status == .seeOther)
            let link = try await Self.offerLink(app, chosen)
            let declined = try await Self.answer(app, link, "decline")
            #expect(declined.status == .ok, "\(declined.body.string.suffix(2500))")
            #expect(try await PlaceSeats.seatsTaken(placeID: published.place.requireID(), on: app.db) == 0)
            #expect(try await Placement.query(on: app.db).count() == 0)
            let after = try await IntakeApplication.find(chosen, on: app.db)?.status
            #expect(after == (before == ApplicationStatus.offered.rawValue ? ApplicationStatus.eligible.rawValue : before))
            let late = try await Self.answer(app, link, "accept")
            #expect(late.status == .ok)
            #expect(late.body.string.contains(app.translations.text(for: "offer.declined.title", in: .swedish)))
            #expect(try await Placement.query(on: app.db).count() == 0)
        }
    }

    @Test("a tampered or expired link is a friendly page that writes nothing")
    func tamperedAndExpired() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await Self.published(app)
            let chosen = published.listed[0]
            #expect(try await Self.select(published, chosen).status == .seeOther)
            let link = try await Self.offerLink(app, chosen)
            let audits = try await Fixtures.auditCount(app)
            for bad in [link + "x", "/offers/" + String(repeating: "a", count: 43), "/offers/" + String(repeating: "b", count: 500)] {
                let page = try await Self.answer(app, bad, "accept")
                #expect(page.status == .gone, "\(bad) gave \(page.status)")
                #expect(page.body.string.contains(app.translations.text(for: "link.invalid.title", in: .swedish)))
            }
            #expect(try await Fixtures.auditCount(app) == audits)
            clock.advance(by: Double(OfferService.answerDays + 1) * 86_400)
            let expired = try await Self.answer(app, link, "accept")
            #expect(expired.status == .gone)
            #expect(expired.body.string.contains(app.translations.text(for: "offer.expired.title", in: .swedish)))
            #expect(try await Placement.query(on: app.db).count() == 0)
            #expect(try await PlaceSeats.seatsTaken(placeID: published.place.requireID(), on: app.db) == 0)
        }
    }

    @Test("no more offers than free seats; one offer per candidate; other lists and ids are not found")
    func selectionLimits() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            let capacity = published.place.capacity
            for applicationID in published.listed.prefix(capacity) {
                #expect(try await Self.select(published, applicationID).status == .seeOther)
            }
            if published.listed.count > capacity {
                #expect(try await Self.select(published, published.listed[capacity]).status == .conflict)
            }
            #expect(try await Self.select(published, published.listed[0]).status == .conflict)
            #expect(try await Offer.query(on: app.db).count() == capacity)
            // An application not on this place's list, and a made-up id: not found.
            let other = try #require(published.setup.applications.compactMap(\.id).first { !published.listed.contains($0) })
            #expect(try await Self.select(published, other).status == .notFound)
            #expect(try await Self.select(published, UUID()).status == .notFound)
            // Another employer's contact cannot select on this place.
            let (stranger, _) = try await Fixtures.signedIn(app, as: .employerContact)
            try await stranger.get(SiteURL.employerPortalShortlists.path)
            let foreign = try await stranger.post(
                SiteURL.employerPortalShortlistOffers(try published.place.requireID()).path,
                form: ["applicationID": published.listed[0].uuidString])
            #expect(foreign.status == .notFound)
        }
    }

    @Test("a place whose period shares no day with the intake's placement period cannot be offered")
    func periodOutsideIntake() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            published.place.periodStart = "2027-06-01"
            published.place.periodEnd = "2027-09-30"
            try await published.place.save(on: app.db)
            #expect(try await Self.select(published, published.listed[0]).status == .conflict)
            #expect(try await Offer.query(on: app.db).count() == 0)
        }
    }

    @Test("a candidate who withdrew sharing with employers cannot be selected")
    func withdrawnConsent() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            let chosen = published.listed[0]
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            try await ConsentService(database: app.db, clock: app.clock).record(
                .withdrawn, purpose: BuiltInConsentPurpose.employerProfile.rawValue, channel: .paper,
                participantID: application.$participant.id, by: Fixtures.adminActor)
            #expect(try await Self.select(published, chosen).status == .notFound)
            #expect(try await Offer.query(on: app.db).count() == 0)
        }
    }

    @Test("a place that became unusable after publishing is flagged, cannot be offered, and its offer cannot be accepted")
    func unusablePlace() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            let chosen = published.listed[0]
            #expect(try await Self.select(published, chosen).status == .seeOther)
            let link = try await Self.offerLink(app, chosen)
            let employer = try #require(try await Employer.find(published.place.$employer.id, on: app.db))
            employer.isActive = false
            try await employer.save(on: app.db)

            let portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(app.translations.text(for: "selection.offer.place-unusable", in: .swedish)))
            #expect(portal.contains(app.translations.text(for: "usability.employer-inactive", in: .swedish)))
            #expect(!portal.contains("action=\"\(SiteURL.employerPortalShortlistOffers(published.place.id).path)\""))
            if published.listed.count > 1 {
                #expect(try await Self.select(published, published.listed[1]).status == .conflict)
            }
            let refused = try await Self.answer(app, link, "accept")
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains(app.translations.text(for: "offer.refusal.place-unusable", in: .swedish)))
            #expect(try await Placement.query(on: app.db).count() == 0)
            #expect(try await PlaceSeats.seatsTaken(placeID: published.place.requireID(), on: app.db) == 0)
        }
    }

    @Test("erasure withdraws a waiting offer and kills its link")
    func erasure() async throws {
        try await withPraktikApp { app in
            let published = try await Self.published(app)
            let chosen = published.listed[0]
            #expect(try await Self.select(published, chosen).status == .seeOther)
            let link = try await Self.offerLink(app, chosen)
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            try await OfferErasure.erase(participantID: application.$participant.id, on: app.db, clock: app.clock)
            let offer = try #require(try await Offer.query(on: app.db).filter(\.$applicationID == chosen).first())
            #expect(offer.offerStatus == .withdrawn)
            #expect(offer.tokenDigest == nil)
            #expect(try await Self.answer(app, link, "accept").status == .gone)
        }
    }
}
