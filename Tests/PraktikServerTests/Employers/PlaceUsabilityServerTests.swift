import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// "May this place be used now?" answered from the register (the test clock's today is 2026-11-18).
@Suite("Place usability from the register")
struct PlaceUsabilityServerTests {
    @Test("no checks recorded: refused with every required check named")
    func missingChecks() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            let place = try await Fixtures.place(
                app, at: try await Fixtures.workplace(app, of: employer), unit: unit, capacity: 1, start: "2026-12-01", end: "2027-03-31")
            let day = try app.clock.today()
            #expect(day.description == "2026-11-18")
            let answer = try await PlaceUsabilityService(database: app.db).answer(for: place, on: day)
            #expect(answer.reasons.map(\.code) == Array(repeating: .checkMissing, count: 4))
            #expect(Set(answer.reasons.compactMap(\.checkKey)) == ["f_tax", "no_tax_debt", "no_labour_dispute", "union_consultation"])

            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            let page = try await browser.get("/places/\(try place.requireID().uuidString)")
            #expect(page.body.string.contains("Kontrollen Samråd med facket är inte gjord."))
        }
    }

    @Test("passed checks and a free seat: allowed; a taken seat, an expired or failed check: refused with the reason")
    func rules() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            let place = try await Fixtures.place(
                app, at: try await Fixtures.workplace(app, of: employer), unit: unit, capacity: 1, start: "2026-12-01", end: "2027-03-31")
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-01")
            let service = PlaceUsabilityService(database: app.db)
            let day = try app.clock.today()
            #expect(try await service.answer(for: place, on: day) == .allowed)

            let participant = try await Fixtures.participant(app, unit: unit, gender: .woman)
            let placement = try await Fixtures.placement(
                app, of: participant, at: place, start: "2026-12-01", end: "2027-03-31", status: .planned)
            #expect(try await service.answer(for: place, on: day).reasons == [.init(.noFreeSeat)])
            placement.status = PlacementStatus.cancelled.rawValue
            try await placement.save(on: app.db)
            #expect(try await service.answer(for: place, on: day) == .allowed)

            // A result from 400 days ago has expired (the F-tax check holds 365 days).
            let checks = EmployerCheckService(database: app.db, clock: app.clock)
            let fTax = try #require(try await checks.types().first { $0.key == "f_tax" })
            let stale = try await checks.record(
                for: employer, .init(checkTypeID: try fTax.requireID().uuidString, result: "passed", checkedOn: "2025-10-14"),
                by: Fixtures.actor)
            #expect(stale.expiresOn == "2026-10-14")
            // The newer result still wins: the latest check date counts, not the latest recording.
            #expect(try await service.answer(for: place, on: day) == .allowed)
            _ = try await checks.record(
                for: employer, .init(checkTypeID: try fTax.requireID().uuidString, result: "failed", checkedOn: "2026-11-18"),
                by: Fixtures.actor)
            #expect(try await service.answer(for: place, on: day).reasons == [.init(.checkFailed, checkKey: "f_tax")])

            // An optional check does not refuse.
            fTax.isRequired = false
            try await fTax.save(on: app.db)
            #expect(try await service.answer(for: place, on: day) == .allowed)
        }
    }

    @Test("recording a check through the page: union consultation needs the union; future dates are refused")
    func recordThroughPage() async throws {
        try await withPraktikApp { app in
            let employer = try await Fixtures.employer(app)
            let checks = EmployerCheckService(database: app.db, clock: app.clock)
            let union = try #require(try await checks.types().first { $0.needsUnion })
            let (browser, user) = try await Fixtures.signedIn(app, as: .caseWorker)
            let path = "/employers/\(try employer.requireID().uuidString)"
            try await browser.get(path)
            var form = ["checkTypeID": try union.requireID().uuidString, "result": "passed", "checkedOn": "2026-11-10"]
            #expect(try await browser.post(path + "/checks", form: form).status == .badRequest)
            form["checkedOn"] = "2026-12-24"
            form["unionName"] = "Byggnads"
            #expect(try await browser.post(path + "/checks", form: form).status == .badRequest)
            form["checkedOn"] = "2026-11-10"
            #expect(try await browser.post(path + "/checks", form: form).status == .seeOther)
            let recorded = try #require(try await EmployerCheck.query(on: app.db).first())
            #expect(recorded.unionName == "Byggnads")
            #expect(recorded.expiresOn == "2027-11-10")
            #expect(recorded.$recordedBy.id == user.id)
            let page = try await browser.get(path)
            #expect(page.body.string.contains("Byggnads"))
        }
    }

    @Test("the admin adds a check to the checklist and it becomes required")
    func adminChecklist() async throws {
        try await withPraktikApp { app in
            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            try await admin.get("/admin/employer-checks")
            let response = try await admin.post(
                "/admin/employer-checks",
                form: [
                    "key": "work_environment", "nameSwedish": "Arbetsmiljö genomgången", "nameEnglish": "Work environment reviewed",
                    "validityDays": "365", "isRequired": "on",
                ])
            #expect(response.status == .seeOther)
            let bad = try await admin.post("/admin/employer-checks", form: ["key": "Bad Key!", "nameSwedish": "x", "nameEnglish": "x"])
            #expect(bad.status == .badRequest)
            let types = try await EmployerCheckService(database: app.db, clock: app.clock).types()
            #expect(types.map(\.key).contains("work_environment"))
            #expect(types.count == 5)
        }
    }
}
