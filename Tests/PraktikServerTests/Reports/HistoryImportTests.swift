import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("History import")
struct HistoryImportTests {
    // The test clock's today is 2026-11-18.

    @Test("people, units, employers, placements at archival places, outcomes and payments are stored")
    func stores() async throws {
        try await withPraktikApp { app in
            let anna = HistoryFixture.person(1), bo = HistoryFixture.person(2)
            let (_, outcome) = try await HistoryFixture.importRows(
                [
                    .init(
                        person: anna, start: "2022-01-10", end: "2022-05-06", hired: "yes", atExit: "work", threeMonths: "work",
                        paid: "24000.50"),
                    .init(person: anna, employer: "556036-0793", employerName: "Lind Vård AB", start: "2023-02-01", end: "2023-03-31"),
                    .init(
                        person: bo, gender: "man", benefit: "aktivitetsstod", unit: "Jobbtorg Söderort", start: "2022-03-01",
                        end: "2022-06-30", hired: "no"),
                ], on: app)
            let result = try #require(outcome)
            #expect(result.placementsCreated == 3)
            #expect(result.participantsCreated == 2)
            #expect(result.employersCreated == 2)
            #expect(result.unitsCreated == 2)
            #expect(result.outcomesCreated == 2)
            #expect(result.paymentsCreated == 1)

            let placements = try await Placement.query(on: app.db).all()
            #expect(placements.allSatisfy { $0.origin == "history" && $0.status == "completed" })
            let first = try #require(placements.first { $0.plannedStart == "2022-01-10" })
            #expect(first.actualEnd == "2022-05-06")
            #expect(first.hiredByHost == true)
            #expect(first.benefitType == "forsorjningsstod")
            #expect(first.regime == "external")
            #expect(first.purpose == "work_training")
            let place = try #require(try await Place.find(first.$place.id, on: app.db))
            #expect(place.naturalKey == ArchivalPlaces.naturalKey)
            #expect(place.status == PlaceStatus.closed.rawValue)

            let outcomes = try await PlacementOutcome.query(on: app.db).filter(\.$placement.$id == first.requireID()).all()
            #expect(Set(outcomes.map(\.horizon)) == ["at_exit", "3_months"])
            #expect(outcomes.allSatisfy { $0.state == "answered" && $0.status == "work" })
            #expect(outcomes.first { $0.horizon == "3_months" }?.dueOn == "2022-08-06")

            let payment = try #require(try await BenefitPayment.query(on: app.db).first())
            #expect(payment.amountMinor == 2_400_050)
            #expect(payment.currency == "SEK")
            #expect(payment.$placement.id == first.id)

            let person = try #require(try await Participant.query(on: app.db).filter(\.$personIdentifier == "SE:" + anna).first())
            #expect(person.status == "exited")
            #expect(person.exitDate == "2023-03-31")
            #expect(person.gender == "woman")
            #expect(
                try await OrganisationUnit.query(on: app.db).filter(\.$name == "Jobbtorg Söderort").first()?.code == "JOBBTORG-SODERORT")
        }
    }

    @Test("a second import of the same file stores nothing; an existing person and employer are reused")
    func idempotent() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JT-J", name: "jobbtorg  järva")
            _ = try await Fixtures.employer(app)
            let rows: [HistoryFixture.Row] = [
                .init(person: HistoryFixture.person(1), start: "2022-01-10", end: "2022-05-06", atExit: "work", paid: "100"),
                .init(person: HistoryFixture.person(2), start: "2022-01-10", end: "2022-05-06"),
            ]
            let (_, first) = try await HistoryFixture.importRows(rows, on: app)
            #expect(first?.placementsCreated == 2)
            #expect(first?.employersCreated == 0)
            #expect(first?.unitsCreated == 0)
            let (plan, second) = try await HistoryFixture.importRows(rows, on: app)
            #expect(plan.alreadyStored == 2)
            #expect(second?.placementsCreated == 0)
            #expect(second?.participantsCreated == 0)
            #expect(try await Placement.query(on: app.db).count() == 2)
            #expect(try await PlacementOutcome.query(on: app.db).count() == 1)
            #expect(try await BenefitPayment.query(on: app.db).count() == 1)
            #expect(try await Placement.query(on: app.db).all().allSatisfy { $0.$unit.id == unit.id })
            // A file with one more row adds just that row, at the same archival place.
            let (_, third) = try await HistoryFixture.importRows(
                rows + [.init(person: HistoryFixture.person(1), start: "2024-01-08", end: "2024-02-29")], on: app)
            #expect(third?.placementsCreated == 1)
            #expect(try await Place.query(on: app.db).filter(\.$naturalKey == ArchivalPlaces.naturalKey).count() == 1)
            #expect(try await Place.query(on: app.db).filter(\.$naturalKey == ArchivalPlaces.naturalKey).first()?.periodEnd == "2024-02-29")
        }
    }

    @Test("all or nothing: one invalid row and nothing is stored, every invalid row listed")
    func allOrNothing() async throws {
        try await withPraktikApp { app in
            let (plan, outcome) = try await HistoryFixture.importRows(
                [
                    .init(person: HistoryFixture.person(1), start: "2022-01-10", end: "2022-05-06"),
                    .init(person: HistoryFixture.person(2), gender: "f", start: "2022-01-10", end: "2022-05-06"),
                    .init(person: HistoryFixture.person(3), start: "2022-01-10", end: "2022-05-06", paid: "1,5"),
                ], on: app)
            #expect(outcome == nil)
            #expect(plan.problems.map(\.line) == [3, 4])
            #expect(try await Placement.query(on: app.db).count() == 0)
            #expect(try await Participant.query(on: app.db).count() == 0)
            #expect(try await Employer.query(on: app.db).count() == 0)
            #expect(try await OrganisationUnit.query(on: app.db).count() == 0)
        }
    }

    @Test("a row overlapping a placement already stored for the person is refused")
    func overlapsStored() async throws {
        try await withPraktikApp { app in
            let person = HistoryFixture.person(1)
            try await HistoryFixture.importRows([.init(person: person, start: "2022-01-10", end: "2022-05-06")], on: app)
            let (plan, outcome) = try await HistoryFixture.importRows(
                [.init(person: person, employer: "556036-0793", employerName: "Lind Vård AB", start: "2022-05-01", end: "2022-06-30")],
                on: app)
            #expect(outcome == nil)
            #expect(plan.problems.map(\.code) == ["history-import.row.overlaps-stored"])
        }
    }

    @Test("the admin page previews every invalid row, imports once however often it is confirmed, and shows the result")
    func adminPage() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get(SiteURL.adminHistoryImport.path)
            let bad = HistoryFixture.file([
                .init(person: HistoryFixture.person(1), start: "2022-01-10", end: "2022-05-06"),
                .init(person: HistoryFixture.person(2), start: "2022-01-10", end: "2021-05-06"),
            ])
            var response = try await browser.upload(SiteURL.adminHistoryImport.path, fileName: "history.csv", content: bad)
            #expect(response.status == .seeOther)
            var page = try await browser.get(try #require(response.headers.first(name: .location)))
            #expect(page.body.string.contains("Sista dagen är före första dagen."))
            #expect(page.body.string.contains("Rätta raderna nedan"))
            #expect(!page.body.string.contains("Lagra 1 placeringar"))

            let good = HistoryFixture.file([.init(person: HistoryFixture.person(1), start: "2022-01-10", end: "2022-05-06")])
            response = try await browser.upload(SiteURL.adminHistoryImport.path, fileName: "history.csv", content: good)
            let location = try #require(response.headers.first(name: .location))
            response = try await browser.post(location, form: [:])
            #expect(response.status == .seeOther)
            response = try await browser.post(location, form: [:])
            #expect(response.status == .conflict)
            page = try await browser.get(location)
            #expect(page.status == .ok)
            #expect(try await Placement.query(on: app.db).count() == 1)
            let batch = try #require(try await HistoryImport.query(on: app.db).filter(\.$status == "done").first())
            #expect(batch.outcome?.contains("\"placementsCreated\":1") == true)
        }
    }

    @Test("a large file is imported by the background job, in one transaction")
    func backgroundJob() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get(SiteURL.adminHistoryImport.path)
            let rows = (0..<(HistoryImportService.backgroundThreshold + 10)).map { n in
                HistoryFixture.Row(
                    person: HistoryFixture.person(n, born: 1960 + n % 40), birthYear: 1960 + n % 40, start: "2021-03-01", end: "2021-06-30",
                    atExit: "work")
            }
            var response = try await browser.upload(
                SiteURL.adminHistoryImport.path, fileName: "big.csv", content: HistoryFixture.file(rows))
            let location = try #require(response.headers.first(name: .location))
            response = try await browser.post(location, form: [:])
            #expect(response.status == .seeOther)
            #expect(try await Placement.query(on: app.db).count() == 0)
            let running = try await browser.get(location)
            #expect(running.headers.first(name: "Refresh") == "2")
            try await OneOffJobRunner(app: app, instance: "test").runDueJobs()
            #expect(try await Placement.query(on: app.db).count() == rows.count)
            let done = try await browser.get(location)
            #expect(done.headers.first(name: "Refresh") == nil)
        }
    }
}
