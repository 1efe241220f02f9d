import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Why places stay empty (issue 12): every place of an intake with empty seats gets a reason from
/// one coded list, computed from the records, overridable with a note; a page and a CSV.
@Suite("Unfilled places")
struct UnfilledPlacesTests {
    @Test("the unfilled-places report sends the list's own statements through the report's SQL, so the benchmark sees them")
    func reportStatementsRecorded() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let closes = try #require(CivilDate(iso8601: published.setup.intake.closesOn))
            let recorder = StatementRecorder(recording: try app.db.sql)
            let reports = PlacementReports(database: app.db, policy: app.settings.disclosure, clock: app.clock, recorder: recorder)
            let table = try await reports.unfilledPlaces(.init(from: closes, to: closes))
            #expect(table.rows.contains { $0[0] == published.setup.intake.name && $0[1] == "all" && $0[2] != "0" }, "\(table.rows)")
            let recorded = recorder.statements.map(\.sql)
            #expect(recorded.contains { $0.contains("FROM intakes") })
            #expect(recorded.contains { $0.contains("FROM places p JOIN workplaces w") }, "\(recorded)")
            #expect(recorded.contains { $0.contains("FROM offers o JOIN matching_runs r") }, "\(recorded)")
        }
    }

    @Test("reasons from the records against a fixture, the page, the CSV, an override, and scope")
    func reasons() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let unit = published.setup.unit
            let intake = published.setup.intake
            let intakeID = try intake.requireID()
            // The contact opens the list and offers the place to a candidate who says no.
            let chosen = published.listed[0]
            #expect(try await OfferTests.select(published, chosen).status == .seeOther)
            #expect(try await OfferTests.answer(app, try await OfferTests.offerLink(app, chosen), "decline").status == .ok)
            // A place in a field nobody applied for, a closed one, and one whose employer's checks were never done.
            let employer = try await Fixtures.employer(app, name: "Vården AB", number: Fixtures.organisationNumber(950))
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-18")
            let workplace = try await Fixtures.workplace(app, of: employer, address: "Vårdgatan 1", district: "Farsta")
            let nursing = try await Fixtures.place(
                app, at: workplace, unit: unit, title: "Undersköterska", start: "2027-02-01", end: "2027-05-31")
            nursing.occupationField = "Vård och omsorg"
            try await nursing.save(on: app.db)
            let closed = try await Fixtures.place(
                app, at: workplace, unit: unit, title: "Stängd plats", start: "2027-02-01", end: "2027-05-31")
            closed.status = PlaceStatus.closed.rawValue
            try await closed.save(on: app.db)
            let unchecked = try await Fixtures.employer(app, name: "Okontrollerad AB", number: Fixtures.organisationNumber(951))
            let uncheckedWorkplace = try await Fixtures.workplace(app, of: unchecked, address: "Okänd väg 2", district: "Bromma")
            let unusable = try await Fixtures.place(
                app, at: uncheckedWorkplace, unit: unit, title: "Utan kontroller", start: "2027-02-01", end: "2027-05-31")
            // A place outside the intake's placement period is not the intake's.
            let later = try await Fixtures.place(app, at: workplace, unit: unit, title: "Hösten", start: "2027-08-01", end: "2027-12-31")

            let rows = try await UnfilledPlaces(database: app.db, clock: app.clock).rows(of: intake)
            let reasons = Dictionary(uniqueKeysWithValues: rows.map { ($0.placeID, $0.reason) })
            #expect(reasons[try published.place.requireID()] == .candidatesDeclined)
            #expect(reasons[try nursing.requireID()] == .noEligibleCandidate)
            #expect(reasons[try closed.requireID()] == .employerWithdrew)
            #expect(reasons[try unusable.requireID()] == .placeNotUsable)
            #expect(reasons[try later.requireID()] == nil)
            let otherListed = try await MatchingRunTests.proposals(app, of: published.run).map(\.place_id)
                .filter { $0 != published.place.id }
            for placeID in Set(otherListed) { #expect(reasons[placeID] == .shortlistNotReviewed) }

            // The page and the CSV, for the intake's case worker.
            let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let worker = Browser(app)
            #expect(try await worker.signIn(user.email).status == .seeOther)
            let page = try await worker.get(SiteURL.intakeUnfilled(intakeID).path)
            #expect(page.status == .ok)
            for reason in [UnfilledPlaceReason.candidatesDeclined, .noEligibleCandidate, .employerWithdrew, .placeNotUsable] {
                #expect(page.body.string.contains(app.translations.text(for: reason.key, in: .swedish)))
            }
            // The download starts with a byte-order mark, for spreadsheets.
            let csv = String(try await worker.get(SiteURL.intakeUnfilledCSV(intakeID).path).body.string.drop { $0 == "\u{FEFF}" })
            let lines = csv.split(separator: "\r\n").map(String.init)
            #expect(
                lines.first
                    == "place_id,place,employer,organisation_number,occupation_field,district,capacity,empty_seats,reason,computed_reason,note"
            )
            #expect(lines.count == rows.count + 1)
            #expect(csv.contains("\(try nursing.requireID().uuidString.lowercased()),Undersköterska,Vården AB,"))

            // An override with a note wins over the computed reason; clearing it brings that back.
            try await worker.get(SiteURL.intakeUnfilled(intakeID).path)
            let set = try await worker.post(
                SiteURL.intakeUnfilled(intakeID).path,
                form: ["placeID": try nursing.requireID().uuidString, "reason": "employer_withdrew", "note": "Ringde och tog tillbaka"])
            #expect(set.status == .seeOther)
            let after = try await UnfilledPlaces(database: app.db, clock: app.clock).rows(of: intake)
            let nursingRow = try #require(after.first { $0.placeID == nursing.id })
            #expect(nursingRow.reason == .employerWithdrew && nursingRow.computed == .noEligibleCandidate)
            #expect(nursingRow.note == "Ringde och tog tillbaka")
            // The list narrowed to one reason (an intake has thousands of places), and a saved reason
            // brings the case worker back to the same list and page.
            let narrowed = try await worker.get(SiteURL.intakeUnfilled(intakeID).path + "?reason=employer_withdrew")
            #expect(narrowed.body.string.contains("Stängd plats") && narrowed.body.string.contains("Undersköterska"))
            #expect(!narrowed.body.string.contains("Utan kontroller"))
            #expect(narrowed.body.string.contains("aria-current=\"page\""))
            let back = try await worker.post(
                SiteURL.intakeUnfilled(intakeID).path,
                form: [
                    "placeID": try nursing.requireID().uuidString, "reason": "employer_withdrew", "note": "Ringde och tog tillbaka",
                    "returnReason": "employer_withdrew", "returnPage": "2",
                ])
            let location = back.headers.first(name: .location) ?? ""
            #expect(back.status == .seeOther && location.contains("reason=employer_withdrew") && location.contains("page=2"), "\(location)")
            #expect(location.hasPrefix(SiteURL.intakeUnfilled(intakeID).path + "?"))
            #expect(
                try await worker.post(
                    SiteURL.intakeUnfilled(intakeID).path, form: ["placeID": try nursing.requireID().uuidString, "reason": "made_up"]
                ).status == .badRequest)
            #expect(
                try await worker.post(SiteURL.intakeUnfilled(intakeID).path, form: ["placeID": UUID().uuidString, "reason": ""]).status
                    == .notFound)

            // The report over the period in which the intake closed: places and empty seats by reason.
            var places: [UnfilledPlaceReason: (Int, Int)] = [:]
            for row in after {
                places[row.reason, default: (0, 0)] = (
                    places[row.reason, default: (0, 0)].0 + 1, places[row.reason, default: (0, 0)].1 + row.emptySeats
                )
            }
            let expected =
                ["intake,reason,places,empty_seats"]
                + UnfilledPlaceReason.allCases.compactMap { reason in
                    places[reason].map { "\(intake.name),\(reason.rawValue),\($0.0),\($0.1)" }
                }
                + ["\(intake.name),all,\(after.count),\(after.map(\.emptySeats).reduce(0, +))"]
            let report = try await CommandLineReports.csv(
                name: "unfilled-places", from: "2026-12-01", to: "2026-12-31", exact: false, on: app)
            #expect(PlacementReportsTests.lines(report) == expected)
            #expect(expected.contains { $0.contains(",employer_withdrew,2,") }, "the override counts")

            // Analysts get the list without the notes; another unit's case worker finds nothing.
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let analystCSV = try await analyst.get(SiteURL.intakeUnfilledCSV(intakeID).path).body.string
            #expect(!analystCSV.contains("Ringde"))
            #expect(analystCSV.split(separator: "\r\n").first?.hasSuffix(",note") == false)
            let otherUnit = try await Fixtures.unit(app, code: "OTHER-2")
            let strangerUser = try await Fixtures.user(app, role: .caseWorker, unit: otherUnit)
            let stranger = Browser(app)
            #expect(try await stranger.signIn(strangerUser.email).status == .seeOther)
            #expect(try await stranger.get(SiteURL.intakeUnfilled(intakeID).path).status == .notFound)

            let reportPage = try await analyst.get("/reports/unfilled-places?from=2026-12-01&to=2026-12-31")
            #expect(reportPage.status == .ok)
            #expect(reportPage.body.string.contains(app.translations.text(for: UnfilledPlaceReason.candidatesDeclined.key, in: .swedish)))
            #expect(!reportPage.body.string.contains("Ringde"), "no case worker's note in the report")
        }
    }

    @Test("every reason reads in Swedish, English and Danish")
    func translated() async throws {
        try await withPraktikApp { app in
            for reason in UnfilledPlaceReason.allCases {
                for language in AppLanguage.allCases {
                    #expect(app.translations.text(for: reason.key, in: language) != reason.key, "\(reason) in \(language)")
                }
            }
        }
    }
}
