import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Rules the services enforce whatever the page offers (issue 8): a place that may not be used is
/// never opened, no free-text field is unbounded, outcome horizons and age-based target groups are
/// checked. The test clock's today is 2026-11-18.
@Suite("Rules the services enforce")
struct RulesTests {
    static let long = String(repeating: "x", count: 100_000)

    @Test("approving a proposal whose employer failed 'no labour dispute' is refused with the reason, and nothing changes")
    func approvalAsksUsability() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            let place = try await Fixtures.place(
                app, at: try await Fixtures.workplace(app, of: employer), unit: unit, start: "2026-12-01", end: "2027-03-31",
                status: .proposed)
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-01")
            let checks = EmployerCheckService(database: app.db, clock: app.clock)
            let dispute = try #require(try await checks.types().first { $0.key == "no_labour_dispute" })
            _ = try await checks.record(
                for: employer, .init(checkTypeID: try dispute.requireID().uuidString, result: "failed", checkedOn: "2026-11-10"),
                by: Fixtures.actor)

            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            let path = "/places/\(try place.requireID().uuidString)"
            try await browser.get(path)
            let approval = ["status": "open", "unitID": try unit.requireID().uuidString, "regime": "external"]
            let refused = try await browser.post(path + "/status", form: approval)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("Platsen kan inte öppnas"))
            #expect(refused.body.string.contains("Ingen pågående arbetskonflikt"), "the failed check is named")
            #expect(try await Place.find(place.id, on: app.db)?.status == "proposed")

            _ = try await checks.record(
                for: employer, .init(checkTypeID: try dispute.requireID().uuidString, result: "passed", checkedOn: "2026-11-17"),
                by: Fixtures.actor)
            #expect(try await browser.post(path + "/status", form: approval).status == .seeOther)
            #expect(try await Place.find(place.id, on: app.db)?.status == "open")
        }
    }

    @Test("reopening a place whose period is over is refused; so is closing and reopening one of an inactive employer")
    func reopening() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-01")
            let workplace = try await Fixtures.workplace(app, of: employer)
            let over = try await Fixtures.place(app, at: workplace, unit: unit, start: "2026-01-01", end: "2026-06-30", status: .closed)
            let service = PlaceService(database: app.db, clock: app.clock)
            await #expect(throws: PlaceCannotOpen.self) {
                try await service.changeStatus(of: over, to: .open, as: .staff, by: Fixtures.actor)
            }
            let current = try await Fixtures.place(
                app, at: workplace, unit: unit, title: "Kock", start: "2026-12-01", end: "2027-03-31", status: .draft)
            employer.isActive = false
            try await employer.save(on: app.db)
            do {
                try await service.changeStatus(of: current, to: .open, as: .staff, by: Fixtures.actor)
                Issue.record("an inactive employer's place was opened")
            } catch let refused as PlaceCannotOpen {
                #expect(refused.reasons == [.init(.employerInactive)])
            }
            #expect(try await Place.find(current.id, on: app.db)?.status == "draft")
        }
    }

    @Test("an import's open places whose employer lacks its checks are imported as drafts, and the preview says why")
    func importOpensOnlyUsablePlaces() async throws {
        try await withPraktikApp { app in
            _ = try await Fixtures.unit(app, code: "JT-A")
            let checked = try await Fixtures.employer(app, name: "Granskad AB", number: Fixtures.organisationNumber(5))
            try await Fixtures.passAllChecks(app, of: checked, on: "2026-11-01")
            let header = "employer_name,organisation_number,address,place_title,capacity,period_start,period_end,unit_code,status\n"
            let file =
                header + "Granskad AB,\(Fixtures.organisationNumber(5)),Gatan 1,Kock,1,2026-12-01,2027-03-31,JT-A,open\n"
                + "Ny AB,\(Fixtures.organisationNumber(6)),Vägen 2,Städare,1,2026-12-01,2027-03-31,JT-A,öppen\n"
            let (browser, user) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/employers/import")
            let uploaded = try await browser.upload("/employers/import", fileName: "r.csv", content: file)
            let location = try #require(uploaded.headers.first(name: .location))
            let preview = try await browser.get(location)
            #expect(preview.body.string.contains("Platser som blir utkast"))
            #expect(preview.body.string.contains("Kontrollen Godkänd för F-skatt är inte gjord."))
            _ = user
            #expect(try await browser.post(location, form: [:]).status == .seeOther)
            #expect(try await Place.query(on: app.db).filter(\.$title == "Kock").first()?.status == "open")
            #expect(try await Place.query(on: app.db).filter(\.$title == "Städare").first()?.status == "draft")
        }
    }

    @Test("a 100,000-character text is refused in every form, with a message next to the field, and nothing is stored")
    func noUnboundedText() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            let workplace = try await Fixtures.workplace(app, of: employer)
            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            let employerID = try employer.requireID().uuidString
            let workplaceID = try workplace.requireID().uuidString
            let writes = { try await AuditEvent.query(on: app.db).filter(\.$action !~ ["view", "sign_in"]).count() }
            let before = try await writes()
            let participant: [String: String] = [
                "lastName": "Warsame", "identifierKind": "swedish_personal_number", "personNumber": "19121212-1212", "gender": "woman",
                "birthRegion": "outside_europe", "educationLevel": "upper_secondary", "benefitType": "forsorjningsstod",
                "unitID": try unit.requireID().uuidString,
            ]
            let cases: [(page: String, path: String, form: [String: String], message: String)] = [
                ("/participants/new", "/participants", participant.merging(["firstName": Self.long]) { $1 }, "Högst 100 tecken."),
                (
                    "/participants/new", "/participants", participant.merging(["firstName": "Hodan", "postalAddress": Self.long]) { $1 },
                    "Högst 300 tecken."
                ),
                (
                    "/employers/new", "/employers", ["name": Self.long, "register": "se", "number": "5569999999", "sector": "private"],
                    "Högst 200 tecken."
                ),
                (
                    "/employers/new", "/employers",
                    ["name": "A AB", "register": "se", "number": "5569999999", "sector": "private", "industry": Self.long],
                    "Högst 200 tecken."
                ),
                (
                    "/employers/\(employerID)/workplaces/new", "/employers/\(employerID)/workplaces", ["address": Self.long],
                    "Högst 300 tecken."
                ),
                (
                    "/workplaces/\(workplaceID)/places/new", "/workplaces/\(workplaceID)/places",
                    [
                        "title": "Kock", "tasks": Self.long, "capacity": "1", "periodStart": "2026-12-01", "periodEnd": "2027-01-31",
                        "hoursPerWeek": "40", "regime": "external", "unitID": try unit.requireID().uuidString,
                    ],
                    "Högst 4 000 tecken."
                ),
                ("/admin/units", "/admin/units", ["name": Self.long, "code": "NY", "kind": "job_centre"], "Högst 200 tecken."),
                (
                    "/admin/users/new", "/admin/users",
                    [
                        "email": "ny@test.example", "displayName": Self.long, "role": "analyst", "language": "sv",
                        "password": "a long enough password 1",
                    ],
                    "Högst 200 tecken."
                ),
                (
                    "/admin/consent-purposes", "/admin/consent-purposes",
                    ["code": "ny", "legalBasis": "consent", "textSwedish": Self.long, "textEnglish": "x"], "Högst 4 000 tecken."
                ),
                (
                    "/workplaces/\(workplaceID)", "/workplaces/\(workplaceID)/contacts",
                    ["email": "x@test.example", "jobTitle": Self.long], "Högst 200 tecken."
                ),
            ]
            for item in cases {
                try await admin.get(item.page)
                let response = try await admin.post(item.path, form: item.form)
                #expect(response.status == .badRequest, "\(item.path): \(response.status)")
                #expect(response.body.string.contains(item.message), "\(item.path): the message is shown")
                #expect(response.body.string.contains("field-error"), "\(item.path): next to the field")
            }
            #expect(try await Participant.query(on: app.db).count() == 0)
            #expect(try await writes() == before, "no change was recorded")
        }
    }

    @Test("a check note, an API token name and an import cell are bounded too")
    func otherTexts() async throws {
        try await withPraktikApp { app in
            let employer = try await Fixtures.employer(app)
            let checks = EmployerCheckService(database: app.db, clock: app.clock)
            let type = try #require(try await checks.types().first)
            await #expect(throws: FormErrors.self) {
                try await checks.record(
                    for: employer,
                    .init(checkTypeID: try type.requireID().uuidString, result: "failed", checkedOn: "2026-11-01", note: Self.long),
                    by: Fixtures.actor)
            }
            let owner = try await Fixtures.user(app, role: .admin)
            await #expect(throws: FormErrors(fields: ["name": "field.too-long.200"])) {
                try await APITokenService(database: app.db, clock: app.clock).create(
                    name: Self.long, forUserID: owner.id, by: .init(userID: owner.id, role: "admin", clientAddress: nil))
            }
            let file = "employer_name,organisation_number\n\(Self.long),\(Fixtures.organisationNumber(9))\n"
            #expect(RegisterFile.parse(file).problems.map(\.code) == ["field.too-long.200"])
        }
    }

    @Test("a 3-month outcome two days after the exit is refused; three months later it is recorded")
    func outcomeHorizon() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit)
            let page = "/participants/\(try participant.requireID().uuidString)"
            try await browser.get(page)
            try await browser.post(page + "/consents", form: ["purpose": "post_exit_follow_up", "action": "given", "channel": "paper"])
            #expect(try await browser.post(page + "/exit", form: ["exitDate": "2026-11-16", "reason": "work"]).status == .seeOther)
            let early = try await browser.post(page + "/outcomes", form: ["horizon": "3_months", "status": "work"])
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("först när tiden efter avslutet har gått"))
            #expect(try await OutcomeRecord.query(on: app.db).filter(\.$horizon == "3_months").count() == 0)

            clock.advance(by: 92 * 86400)  // 2027-02-18: past 2027-02-16
            try await browser.signIn(worker.email)
            try await browser.get(page)
            #expect(try await browser.post(page + "/outcomes", form: ["horizon": "3_months", "status": "work"]).status == .seeOther)
            let sixMonths = try await browser.post(page + "/outcomes", form: ["horizon": "6_months", "status": "work"])
            #expect(sixMonths.status == .conflict)
        }
    }

    @Test("'young adult' is refused for someone born in 1988 and accepted for someone aged 21, on registration and on edit")
    func targetGroupAges() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/participants/new")
            var form: [String: String] = [
                "firstName": "Hodan", "lastName": "Warsame", "identifierKind": "swedish_personal_number",
                "personNumber": Fixtures.personNumber(year: 1988, month: 4, day: 2, serial: 123), "gender": "woman",
                "birthRegion": "outside_europe", "educationLevel": "upper_secondary", "benefitType": "forsorjningsstod",
                "targetGroups[]": "young_adult",
            ]
            let refused = try await browser.post("/participants", form: form)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("Målgruppen unga vuxna gäller den som är 18–24 år"))
            #expect(try await Participant.query(on: app.db).count() == 0)

            form["personNumber"] = Fixtures.personNumber(year: 2005, month: 3, day: 9, serial: 456)
            #expect(try await browser.post("/participants", form: form).status == .seeOther)
            let stored = try #require(try await Participant.query(on: app.db).first())
            #expect(try await ParticipantTargetGroup.query(on: app.db).filter(\.$participant.$id == stored.requireID()).count() == 1)

            // Editing the record later checks the age on the day of registration, not today.
            form["personNumber"] = Fixtures.personNumber(year: 1988, month: 4, day: 2, serial: 123)
            let path = "/participants/\(try stored.requireID().uuidString)/edit"
            try await browser.get(path)
            #expect(try await browser.post(path, form: form).status == .badRequest)
        }
    }
}
