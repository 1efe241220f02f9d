import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Participants: registration, consent and exit over HTTP")
struct ParticipantRecordTests {
    func form(_ overrides: [String: String] = [:]) -> [String: String] {
        var fields = [
            "firstName": "Hodan", "lastName": "Warsame", "email": "hodan@example.se", "phone": "070-123 45 67",
            "identifierKind": "swedish_personal_number", "personNumber": "19121212-1212", "gender": "woman",
            "birthRegion": "outside_europe", "educationLevel": "upper_secondary", "benefitType": "forsorjningsstod",
            "language0": "so", "level0": "native", "language1": "sv", "level1": "B1",
        ]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    @Test("a case worker registers a participant; the number is stored with century and shown masked")
    func register() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/participants/new")
            let response = try await browser.post("/participants", form: form())
            #expect(response.status == .seeOther, "\(response.body.string.prefix(500))")
            let stored = try #require(try await Participant.query(on: app.db).first())
            #expect(stored.personIdentifier == "SE:191212121212")
            #expect(stored.$unit.id == worker.$unit.id, "a case worker registers into their own unit")
            #expect(stored.birthYear == 1912)
            #expect(try await ParticipantLanguage.query(on: app.db).count() == 2)
            let list = try await browser.get("/participants")
            #expect(list.body.string.contains("19121212-****"))
            #expect(!list.body.string.contains("19121212-1212"))
        }
    }

    @Test("invalid input is explained per field and the input kept")
    func invalid() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/participants/new")
            let response = try await browser.post(
                "/participants", form: form(["personNumber": "19121212-1213", "gender": "", "email": "not-an-address"]))
            #expect(response.status == .badRequest)
            let html = response.body.string
            #expect(html.contains("Kontrollsiffran stämmer inte"))
            #expect(html.contains("Skriv en e-postadress"))
            #expect(html.contains("value=\"Hodan\""))
            #expect(html.contains("aria-invalid=\"true\""))
            #expect(try await Participant.query(on: app.db).count() == 0)
        }
    }

    @Test("Arabic-Indic digits are refused")
    func nonASCIIDigits() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/participants/new")
            let response = try await browser.post("/participants", form: form(["personNumber": "١٩١٢١٢١٢-١٢١٢"]))
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("bara innehålla siffror"))
        }
    }

    @Test("a duplicate person number is refused, linking to the record only when it is visible")
    func duplicates() async throws {
        try await withPraktikApp { app in
            let unitA = try await Fixtures.unit(app, code: "JT-A")
            let unitB = try await Fixtures.unit(app, code: "JT-B")
            let existing = try await Fixtures.participant(app, unit: unitA, personNumber: "198112189876")
            try await Fixtures.participant(app, unit: unitB, personNumber: "19121212-1212")
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: unitA)
            let browser = Browser(app)
            try await browser.signIn(worker.email)
            try await browser.get("/participants/new")
            let same = try await browser.post("/participants", form: form(["personNumber": "811218-9876"]))
            #expect(same.status == .conflict)
            #expect(same.body.string.contains("Det finns redan en deltagare med det personnumret."))
            #expect(same.body.string.contains("/participants/\(try existing.requireID())"))
            // Ten digits with "+": born 1912, the number registered in unit B.
            let elsewhere = try await browser.post("/participants", form: form(["personNumber": "121212+1212"]))
            #expect(elsewhere.status == .conflict)
            #expect(!elsewhere.body.string.contains("Öppna den befintliga deltagaren"))
        }
    }

    @Test("consent given, withdrawn and given again; post-exit follow-up only with it")
    func consentGate() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit)
            let id = try participant.requireID()
            let page = "/participants/\(id)"
            try await browser.get(page)
            let consents = ConsentService(database: app.db, clock: app.clock)

            try await browser.post(page + "/consents", form: ["purpose": "post_exit_follow_up", "action": "given", "channel": "paper"])
            #expect(try await consents.isActive(.postExitFollowUp, for: id))
            try await browser.post(page + "/consents", form: ["purpose": "post_exit_follow_up", "action": "withdrawn", "channel": "phone"])
            #expect(!(try await consents.isActive(.postExitFollowUp, for: id)))

            // Exit (more than three months ago: today is 2026-11-18), then try a follow-up without
            // consent: refused with the reason.
            let exit = try await browser.post(
                page + "/exit", form: ["exitDate": "2026-08-01", "reason": "work", "outcome": "work", "employerIsHost": "yes"])
            #expect(exit.status == .seeOther, "\(exit.body.string.prefix(400))")
            let refused = try await browser.post(page + "/outcomes", form: ["horizon": "3_months", "status": "work"])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("kräver personens samtycke"))
            #expect(try await OutcomeRecord.query(on: app.db).filter(\.$horizon == "3_months").count() == 0)

            // Re-given: now accepted.
            try await browser.post(page + "/consents", form: ["purpose": "post_exit_follow_up", "action": "given", "channel": "phone"])
            let accepted = try await browser.post(
                page + "/outcomes", form: ["horizon": "3_months", "status": "work", "employerIsHost": "yes"])
            #expect(accepted.status == .seeOther)
            #expect(try await OutcomeRecord.query(on: app.db).filter(\.$horizon == "3_months").count() == 1)
            #expect(try await ConsentEvent.query(on: app.db).count() == 3, "the ledger keeps the whole history")
        }
    }

    @Test("after exit the record is read-only, with a clear reason")
    func readOnlyAfterExit() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit)
            let page = "/participants/\(try participant.requireID())"
            try await browser.get(page)
            try await browser.post(page + "/exit", form: ["exitDate": "2026-10-01", "reason": "studies"])
            let edit = try await browser.get(page + "/edit")
            #expect(edit.status == .conflict)
            #expect(edit.body.string.contains("Uppgifterna får inte längre ändras"))
            try await browser.get(page)
            let update = try await browser.post(page + "/edit", form: form(["firstName": "Changed"]))
            #expect(update.status == .conflict)
            #expect(try await Participant.find(participant.id, on: app.db)?.firstName == "Leyla")
            let again = try await browser.post(page + "/exit", form: ["exitDate": "2026-10-02", "reason": "work"])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("redan avslutad"))
        }
    }

    @Test("viewing and changing a record writes audit rows")
    func audited() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit)
            let id = try participant.requireID()
            func rows(_ action: String) async throws -> Int {
                try await AuditEvent.query(on: app.db).filter(\.$recordID == id.uuidString).filter(\.$action == action).count()
            }
            try await browser.get("/participants/\(id)")
            #expect(try await rows("view") == 1)
            try await browser.post(
                "/participants/\(id)/edit", form: form(["personNumber": "", "identifierKind": "protected", "birthYear": "1990"]))
            #expect(try await rows("update") == 1)
            let detail = try await AuditEvent.query(on: app.db).filter(\.$action == "update").first()?.detail ?? ""
            #expect(detail.contains("person_identifier"))
            #expect(!detail.contains("Hodan"), "the audit log names fields, never values")
            try await browser.get("/participants/\(id)/export.json")
            #expect(try await rows("export") == 1)
        }
    }
}
