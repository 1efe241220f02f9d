import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

@Suite("Archival places for history placements")
struct ArchivalPlacesTests {
    @Test("one closed, seatless place per employer, widened to cover every placement put there")
    func onePerEmployer() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            let places = ArchivalPlaces(database: app.db)
            let first = try await places.location(
                forEmployer: try employer.requireID(), unitID: try unit.requireID(), covering: #require(CivilDate(iso8601: "2019-03-01")),
                through: #require(CivilDate(iso8601: "2019-06-30")))
            let second = try await places.location(
                forEmployer: try employer.requireID(), unitID: try unit.requireID(), covering: #require(CivilDate(iso8601: "2018-01-01")),
                through: #require(CivilDate(iso8601: "2020-12-31")))
            #expect(first == second)
            let place = try #require(try await Place.find(first.placeID, on: app.db))
            #expect(place.periodStart == "2018-01-01")
            #expect(place.periodEnd == "2020-12-31")
            #expect(place.status == PlaceStatus.closed.rawValue)
            #expect(place.capacity == 0)
            let usability = try await PlaceUsabilityService(database: app.db).answer(
                for: place, on: #require(CivilDate(iso8601: "2019-05-01")))
            #expect(!usability.isAllowed)
            let other = try await Fixtures.employer(app, name: "Annan AB", number: Fixtures.organisationNumber(7))
            let third = try await places.location(
                forEmployer: try other.requireID(), unitID: try unit.requireID(), covering: #require(CivilDate(iso8601: "2019-03-01")),
                through: #require(CivilDate(iso8601: "2019-06-30")))
            #expect(third.workplaceID != first.workplaceID)
        }
    }
}
