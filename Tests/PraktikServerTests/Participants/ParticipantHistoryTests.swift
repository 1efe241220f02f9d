import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// The record's timeline, the consent record and the person's own data page speak in words:
/// no stored code, no id, no timestamp.
@Suite("Participant history and own data")
struct ParticipantHistoryTests {
    static func containsUUID(_ text: String) -> Bool {
        text.range(of: #"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"#, options: .regularExpression) != nil
    }

    /// The visible text of a page: tags, and with them attribute values and the CSRF field, left out.
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    }

    @Test("the timeline has registration, consents, placement and one exit, all translated")
    func timeline() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit)
            let id = try participant.requireID()
            let employer = try await Fixtures.employer(app)
            let workplace = try await Fixtures.workplace(app, of: employer, name: "Ek Bygg Kista")
            let place = try await Fixtures.place(app, at: workplace, unit: unit, title: "Snickare")
            try await Fixtures.placement(app, of: participant, at: place, start: "2026-06-01", end: "2026-08-31")
            let page = "/participants/\(id)"
            try await browser.get(page)
            try await browser.post(page + "/consents", form: ["purpose": "post_exit_follow_up", "action": "given", "channel": "paper"])
            try await browser.post(page + "/consents", form: ["purpose": "post_exit_follow_up", "action": "withdrawn", "channel": "phone"])
            try await browser.post(page + "/exit", form: ["exitDate": "2026-10-01", "reason": "work", "outcome": "work"])

            let html = try await browser.get(page).body.string
            let text = Self.text(html)
            #expect(text.contains("Registrerades som deltagare"))
            #expect(text.contains("Samtycke gavs: Kontakt för uppföljning efter avslut (Papper)"))
            #expect(text.contains("Samtycke återkallades: Kontakt för uppföljning efter avslut (Telefon)"))
            #expect(text.contains("Praktik: Snickare hos Ek Bygg Kista"))
            #expect(text.components(separatedBy: "Avslutades:").count == 2, "the exit appears once")
            #expect(!text.contains("post_exit_follow_up"))
            #expect(!text.contains("withdrawn"))
            #expect(!Self.containsUUID(text))
            // Who recorded the latest decision, and how.
            #expect(text.contains("Återkallades"))
            #expect(text.contains(worker.displayName))
        }
    }

    @Test("a consent can be dated back, not into the future nor before the latest decision")
    func consentDate() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit)
            let id = try participant.requireID()
            let page = "/participants/\(id)"
            let today = try app.clock.today()
            let lastWeek = try #require(today.adding(days: -7))
            let tomorrow = try #require(today.adding(days: 1))
            try await browser.get(page)
            let dated = try await browser.post(
                page + "/consents",
                form: ["purpose": "employer_profile", "action": "given", "channel": "paper", "date": lastWeek.description])
            #expect(dated.status == .seeOther)
            let event = try #require(try await ConsentEvent.query(on: app.db).first())
            #expect(CivilDate(event.occurredAt) == lastWeek)
            #expect(event.recordedBy == worker.id)

            try await browser.get(page)
            let future = try await browser.post(
                page + "/consents",
                form: ["purpose": "employer_profile", "action": "withdrawn", "channel": "paper", "date": tomorrow.description])
            #expect(future.status == .badRequest)
            #expect(future.body.string.contains("kan inte ligga i framtiden"))

            try await browser.post(page + "/consents", form: ["purpose": "employer_profile", "action": "withdrawn", "channel": "phone"])
            try await browser.get(page)
            let before = try await browser.post(
                page + "/consents",
                form: ["purpose": "employer_profile", "action": "given", "channel": "paper", "date": lastWeek.description])
            #expect(before.status == .badRequest)
            #expect(try await ConsentEvent.query(on: app.db).count() == 2)
        }
    }

    @Test("the exit form preselects neither a reason nor a date; a new participant's form preselects the registering case worker")
    func formsInviteNoWrongData() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit)
            let html = try await browser.get("/participants/\(try participant.requireID())").body.string
            #expect(html.contains(#"<input id="exitDate" name="exitDate" type="date" max="#))
            #expect(!html.contains(#"name="exitDate" type="date" value="#))
            #expect(html.contains(#"<option value="" selected>Välj …</option>"#))

            let form = try await browser.get("/participants/new").body.string
            #expect(form.contains(#"<option value="\#(try worker.requireID().uuidString)" selected>"#))
        }
    }

    @Test("the participant's own data page is readable: labels, words, dates, the number as written, who looked")
    func myData() async throws {
        try await withPraktikApp { app in
            let (browser, user) = try await Fixtures.signedIn(app, as: .participant)
            let participantID = try #require(user.$participant.id)
            let participant = try #require(try await Participant.find(participantID, on: app.db))
            let unit = try #require(try await OrganisationUnit.find(participant.$unit.id, on: app.db))
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let workerBrowser = Browser(app)
            try await workerBrowser.signIn(worker.email)
            try await workerBrowser.get("/participants/\(participantID)")
            try await workerBrowser.post(
                "/participants/\(participantID)/consents", form: ["purpose": "programme_partners", "action": "given", "channel": "paper"])

            let html = try await browser.get("/portal/my-data").body.string
            let text = Self.text(html)
            #expect(text.contains("Om dig"))
            #expect(text.contains("Födelseregion"))
            #expect(text.contains("Försörjningsstöd"))
            let number = try #require(try PersonIdentifier(storageValue: participant.personIdentifier).formatted)
            #expect(text.contains(number))
            #expect(!text.contains("SE:"))
            #expect(!text.contains("forsorjningsstod"))
            #expect(!text.contains("birth_region"))
            #expect(!Self.containsUUID(text))
            #expect(text.range(of: #"\d{10}\.\d+"#, options: .regularExpression) == nil, "no Unix timestamps")
            // Who looked, in words: name, role and unit.
            #expect(text.contains("\(worker.displayName), handläggare på \(unit.name)"))
            #expect(text.contains("Visade"))
            // The JSON download stays complete.
            let json = try await browser.get("/portal/my-data.json").body.string
            #expect(json.contains("\"person_identifier\""))
            #expect(json.contains("\"consent_events\""))
        }
    }
}
