import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// An employer proposes a place without the job centre's administrative fields; the unit's case
/// workers are told by mail and see it on their start page; approving asks for unit and regime.
@Suite("Place proposals")
struct ProposalTests {
    struct World {
        let unit: OrganisationUnit
        let otherUnit: OrganisationUnit
        let workplace: Workplace
        let caseWorker: User
    }

    func world(_ app: Application) async throws -> World {
        let unit = try await Fixtures.unit(app, code: "JT-P", name: "Jobbtorg Proposals")
        let otherUnit = try await Fixtures.unit(app, code: "JT-O", name: "Jobbtorg Other")
        let employer = try await Fixtures.employer(app, name: "Gamma Vård AB", number: Fixtures.organisationNumber(3))
        let workplace = try await Fixtures.workplace(app, of: employer, address: "Gammavägen 3")
        // The workplace already has a place followed by `unit`: proposals go there.
        _ = try await Fixtures.place(app, at: workplace, unit: unit, title: "Undersköterska", status: .open)
        let caseWorker = try await Fixtures.user(app, role: .caseWorker, email: "cw-proposals@test.example", unit: unit, language: .english)
        try await Fixtures.user(app, role: .caseWorker, email: "cw-other@test.example", unit: otherUnit)
        return World(unit: unit, otherUnit: otherUnit, workplace: workplace, caseWorker: caseWorker)
    }

    let form = [
        "title": "Vårdbiträde", "occupationField": "Vård", "tasks": "Hjälpa till", "capacity": "1", "periodStart": "2026-08-15",
        "periodEnd": "2026-12-15", "hoursPerWeek": "30",
    ]

    @Test("the employer's form asks neither unit nor regime, and the proposal reaches the unit's case workers")
    func propose() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (contact, _) = try await Fixtures.contact(app, of: [w.workplace])
            let id = try w.workplace.requireID().uuidString
            let page = try await contact.get("/employer-portal/workplaces/\(id)/places/new")
            #expect(!page.body.string.contains("name=\"unitID\""))
            #expect(!page.body.string.contains("name=\"regime\""))

            let proposed = try await contact.post("/employer-portal/workplaces/\(id)/places", form: form)
            #expect(proposed.status == .seeOther)
            let place = try #require(try await Place.query(on: app.db).filter(\.$title == "Vårdbiträde").first())
            #expect(place.status == PlaceStatus.proposed.rawValue)
            #expect(place.$unit.id == w.unit.id)

            // One mail, to the case worker of the proposal's unit, in their language, with a link.
            let mails = try await OutboxMessage.query(on: app.db).all()
            #expect(mails.map(\.toAddress) == ["cw-proposals@test.example"])
            #expect(mails.first?.subject == "New proposed internship place: Vårdbiträde")
            #expect(mails.first?.bodyText.contains("/places/\(try place.requireID().uuidString)") == true)

            // The employer withdraws rather than rejects their own proposal.
            let own = try await contact.get("/employer-portal/places/\(try place.requireID().uuidString)")
            #expect(own.body.string.contains("Dra tillbaka förslaget"))
            #expect(!own.body.string.contains("Avslå"))
        }
    }

    @Test("the proposal waits on the case worker's start page; approving needs a regime")
    func approve() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (contact, _) = try await Fixtures.contact(app, of: [w.workplace])
            try await contact.get("/employer-portal")
            try await contact.post("/employer-portal/workplaces/\(try w.workplace.requireID().uuidString)/places", form: form)
            let place = try #require(try await Place.query(on: app.db).filter(\.$title == "Vårdbiträde").first())
            let placeID = try place.requireID().uuidString

            let browser = Browser(app)
            try await browser.signIn("cw-proposals@test.example")
            let start = try await browser.get("/start")
            #expect(start.body.string.contains("Proposed places to review"))
            #expect(start.body.string.contains("href=\"/places/\(placeID)\""))

            let show = try await browser.get("/places/\(placeID)")
            #expect(show.body.string.contains("name=\"regime\""))
            // A place may be opened only when its employer passes the required checks (`PlaceUsability`).
            let employer = try #require(try await Employer.find(place.$employer.id, on: app.db))
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-01")
            let withoutRegime = try await browser.post(
                "/places/\(placeID)/status", form: ["status": "open", "unitID": try w.unit.requireID().uuidString])
            #expect(withoutRegime.status == .conflict)
            #expect(try await Place.find(place.id, on: app.db)?.status == "proposed")

            try await browser.get("/places/\(placeID)")
            let approved = try await browser.post(
                "/places/\(placeID)/status",
                form: ["status": "open", "unitID": try w.otherUnit.requireID().uuidString, "regime": "in_house"])
            #expect(approved.status == .seeOther)
            let reloaded = try #require(try await Place.find(place.id, on: app.db))
            #expect(reloaded.status == "open")
            #expect(reloaded.regime == "in_house")
            #expect(reloaded.$unit.id == w.otherUnit.id)
        }
    }

    @Test("a workplace no unit follows yet gets a clear answer instead of a form error about case workers")
    func noUnit() async throws {
        try await withPraktikApp { app in
            let employer = try await Fixtures.employer(app, name: "Delta AB", number: Fixtures.organisationNumber(4))
            let workplace = try await Fixtures.workplace(app, of: employer, address: "Deltavägen 4")
            let (contact, _) = try await Fixtures.contact(app, of: [workplace])
            try await contact.get("/employer-portal")
            let refused = try await contact.post("/employer-portal/workplaces/\(try workplace.requireID().uuidString)/places", form: form)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("inte kopplad till något jobbtorg"))
            #expect(!refused.body.string.contains("En handläggare måste tillhöra en enhet"))
        }
    }
}

@Suite("Import page words")
struct ImportPageTests {
    @Test("the import page lists the unit codes; a preview held back by all-or-nothing says so")
    func unitCodesAndAllOrNothing() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JT-IMP", name: "Jobbtorg Import")
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let browser = Browser(app)
            try await browser.signIn(worker.email)
            let form = try await browser.get("/employers/import").body.string
            #expect(form.contains("<code>JT-IMP</code>"))
            #expect(form.contains("Jobbtorg Import"))

            let csv = """
                employer_name,organisation_number,sector,address,district,place_title,capacity,period_start,period_end,unit_code
                Ek Bygg AB,556016-0680,privat,Kistagången 1,Kista,Snickare,2,2030-01-07,2030-05-31,JT-IMP
                Fel AB,556016-0681,privat,,,,,,,

                """
            let uploaded = try await browser.upload(
                "/employers/import", fileName: "register.csv", content: csv, fields: ["allOrNothing": "on"])
            let location = try #require(uploaded.headers.first(name: .location))
            let preview = try await browser.get(location).body.string
            #expect(preview.contains("du valde ”allt eller inget”"))
            #expect(!preview.contains("Det finns inget att importera"))
        }
    }
}
