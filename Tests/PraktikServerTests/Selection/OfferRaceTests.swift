import Fluent
import Foundation
import NIOConcurrencyHelpers
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// The race: many candidates accept offers for the last seats at the same moment. However
/// many, no place goes above its capacity and nobody gets a 500, on SQLite and on PostgreSQL.
@Suite("Offer race")
struct OfferRaceTests {
    static let acceptances = 50
    static let rounds = 20

    @Test("50 acceptances at once on places of capacity 1 to 3, 20 rounds: 0 over-bookings, 0 responses 5xx")
    func acceptancesAtOnce() async throws {
        try await withPraktikApp { app in
            let setup = try await MatchingRunTests.setup(app, applicants: Self.acceptances, places: 1, employers: 900)
            let run = try await MatchingRunTests.run(app, setup)
            let employer = try await Fixtures.employer(app, name: "Kapplöpning AB", number: Fixtures.organisationNumber(990))
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-18")
            let workplace = try await Fixtures.workplace(app, of: employer, address: "Racegatan 1", district: "Norrmalm")
            // One browser per candidate, kept across rounds with its form token, as a person's phone would.
            var browsers: [(browser: Browser, csrf: String)] = []
            var overBooked = 0
            var serverErrors: [UInt] = []
            for round in 0..<Self.rounds {
                let capacity = 1 + round % 3
                let place = try await Fixtures.place(
                    app, at: workplace, unit: setup.unit, title: "Plats \(round)", capacity: capacity, start: "2027-02-01",
                    end: "2027-05-31")
                let placeID = try place.requireID()
                var links: [String] = []
                for application in setup.applications {
                    let token = SecretToken.generate()
                    let offer = Offer()
                    offer.runID = try run.requireID()
                    offer.placeID = placeID
                    offer.applicationID = try application.requireID()
                    offer.participantID = application.$participant.id
                    offer.status = OfferStatus.offered.rawValue
                    offer.tokenDigest = SecretToken.digest(of: token)
                    offer.language = "sv"
                    offer.expiresOn = "2027-01-31"
                    offer.createdAt = app.clock.now()
                    try await offer.create(on: app.db)
                    links.append(SiteURL.offerLink(token).path)
                }
                // Each candidate has opened an offer page once (for the form's token); then all press "accept" at once.
                if browsers.isEmpty {
                    for link in links {
                        let browser = Browser(app)
                        let page = try await browser.get(link)
                        #expect(page.status == .ok)
                        browsers.append((browser, try #require(browser.lastCSRFToken)))
                    }
                }
                let statuses = NIOLockedValueBox<[UInt]>([])
                await withTaskGroup(of: UInt.self) { group in
                    for (person, link) in zip(browsers, links) {
                        group.addTask {
                            do {
                                return try await person.browser.post(link, form: ["answer": "accept"], csrf: .value(person.csrf)).status
                                    .code
                            } catch { return 599 }
                        }
                    }
                    for await status in group { statuses.withLockedValue { $0.append(status) } }
                }
                let all = statuses.withLockedValue { $0 }
                serverErrors += all.filter { $0 >= 500 }
                #expect(all.filter { $0 == 200 }.count == capacity, "round \(round): \(all)")
                #expect(all.allSatisfy { $0 == 200 || $0 == 409 }, "round \(round): \(all)")

                let seats = try await PlaceSeats.seatsTaken(placeID: placeID, on: app.db)
                let holding = try await Placement.query(on: app.db).filter(\.$place.$id == placeID)
                    .filter(\.$status ~~ PlacementStatus.allCases.filter(\.holdsSeat).map(\.rawValue)).count()
                let accepted = try await Offer.query(on: app.db).filter(\.$placeID == placeID)
                    .filter(\.$status == OfferStatus.accepted.rawValue).count()
                if seats > capacity || holding > capacity { overBooked += 1 }
                #expect(seats == capacity && holding == capacity && accepted == capacity, "round \(round): \(seats) \(holding) \(accepted)")

                // Free the people for the next round.
                try await app.db.sql.raw(
                    "UPDATE placements SET status = \(bind: PlacementStatus.cancelled.rawValue) WHERE place_id = \(bind: placeID)"
                ).run()
            }
            #expect(overBooked == 0)
            #expect(serverErrors.isEmpty, "\(serverErrors)")
        }
    }
}
