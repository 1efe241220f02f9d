import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Intake: the public application portal")
struct ApplyPortalTests {
    @Test("the list shows open intakes to anyone, and the form starts at step 1")
    func listAndForm() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            let list = try await browser.get("/apply")
            #expect(list.status == .ok)
            #expect(list.body.string.contains(intake.name))
            let form = try await browser.get("/apply/\(try intake.requireID())")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"personNumber\""))
            #expect(form.body.string.contains("name=\"website\""), "the honeypot is in the form")
            #expect(form.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test("a bad field gets its message next to it, and nothing typed is lost")
    func validationKeepsInput() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            let path = "/apply/\(try intake.requireID())"
            try await browser.get(path)
            let response = try await browser.post(
                path,
                form: [
                    "step": "1", "action": "next", "submissionKey": "k1", "identification": "swedish_personal_number",
                    "personNumber": "19910301-1235", "firstName": "Nasrin", "lastName": "", "email": "nasrin(at)example.se",
                    "gender": "woman", "birthRegion": "outside_europe",
                ])
            #expect(response.status == .badRequest)
            let html = response.body.string
            #expect(html.contains("value=\"19910301-1235\""))
            #expect(html.contains("value=\"Nasrin\""))
            #expect(html.contains("value=\"nasrin(at)example.se\""))
            #expect(html.contains("id=\"lastName-error\""))
            #expect(html.contains("id=\"email-error\""))
            #expect(html.contains("id=\"personNumber-error\""), "a wrong check digit is refused")
            #expect(html.contains("name=\"submissionKey\" value=\"k1\""), "the form keeps its one-time key")
        }
    }

    @Test("going on carries the answers in hidden fields; going back shows them again without checking")
    func stepsCarryAnswers() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            let path = "/apply/\(try intake.requireID())"
            let form = Fixtures.applicationForm(firstName: "Amal")
            try await browser.get(path)
            var step1 = form.filter {
                ["identification", "personNumber", "firstName", "lastName", "email", "gender", "birthRegion"].contains($0.key)
            }
            step1["step"] = "1"
            step1["action"] = "next"
            let second = try await browser.post(path, form: step1)
            #expect(second.status == .ok)
            #expect(second.body.string.contains("name=\"educationLevel\""), "step 2 is shown")
            #expect(second.body.string.contains("type=\"hidden\" name=\"firstName\" value=\"Amal\""))
            var back = step1
            back["step"] = "2"
            back["action"] = "back"
            back["educationLevel"] = "not-a-level"
            let first = try await browser.post(path, form: back)
            #expect(first.status == .ok, "going back does not check the step being left")
            #expect(
                first.body.string.contains(
                    "id=\"firstName\" name=\"firstName\" maxlength=\"100\" type=\"text\" autocomplete=\"given-name\" value=\"Amal\""))
            #expect(first.body.string.contains("name=\"educationLevel\" value=\"not-a-level\""), "what was typed on step 2 travels along")
        }
    }

    @Test("an application is confirmed through the outbox with a link to its status page")
    func applyAndConfirm() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (unit, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            let form = Fixtures.applicationForm(email: "nasrin@example.se")
            let response = try await Fixtures.submitApplication(browser, intake: intake, form: form)
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/apply/received")

            let application = try #require(try await IntakeApplication.query(on: app.db).first())
            #expect(application.status == "submitted")
            #expect(application.colour == "green")
            #expect(application.language == "sv")
            let participant = try #require(try await Participant.find(application.$participant.id, on: app.db))
            #expect(participant.$unit.id == unit.id, "a new participant belongs to the programme's unit")
            #expect(participant.lastName == "Karimi")
            #expect(participant.searchText?.contains("karimi") == true, "an applicant is found by the participant search")
            #expect(try await ApplicationLanguage.query(on: app.db).count() == 2)

            let mail = try #require(capture.sent.last)
            #expect(mail.to == "nasrin@example.se")
            #expect(mail.subject.contains(intake.name))
            let link = try #require(Fixtures.statusLink(in: capture, to: "nasrin@example.se"))
            let status = try await Browser(app).get(link)
            #expect(status.status == .ok)
            #expect(status.body.string.contains("Vi går igenom din ansökan"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$recordType == "application").filter(\.$action == "create").count() == 1)
        }
    }

    @Test("consent is stored with the version of the text shown; a changed text is refused and the form kept")
    func consentVersions() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let purpose = try #require(try await ConsentPurposeRecord.query(on: app.db).filter(\.$code == "programme_partners").first())
            purpose.textVersion = 3
            try await purpose.save(on: app.db)
            var form = Fixtures.applicationForm(email: "versions@example.se")
            form["consentVersionProgrammePartners"] = "3"
            form["consentEmployerProfile"] = nil
            try await Fixtures.submitApplication(Browser(app), intake: intake, form: form)
            let application = try #require(try await IntakeApplication.query(on: app.db).first())
            let events = try await ConsentEvent.query(on: app.db).filter(\.$participant.$id == application.$participant.id).all()
            #expect(events.map(\.purposeCode) == ["programme_partners"], "the employer box was not ticked")
            #expect(events.first?.textVersion == 3)
            #expect(events.first?.channel == "web_form")

            // Shown version 3, but the text became version 4 meanwhile.
            purpose.textVersion = 4
            try await purpose.save(on: app.db)
            var stale = Fixtures.applicationForm(email: "stale@example.se", firstName: "Sami")
            stale["consentVersionProgrammePartners"] = "3"
            let refused = try await Fixtures.submitApplication(Browser(app), intake: intake, form: stale)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("Texten har ändrats"))
            #expect(refused.body.string.contains("value=\"Sami\""))
            #expect(try await IntakeApplication.query(on: app.db).count() == 1)
        }
    }

    @Test("sharing within the programme is required; no consent box is ever ticked in advance")
    func requiredConsent() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            let path = "/apply/\(try intake.requireID())"
            try await browser.get(path)
            var form = Fixtures.applicationForm()
            for key in [
                "consentProgrammePartners", "consentEmployerProfile", "consentVersionProgrammePartners", "consentVersionEmployerProfile",
            ] {
                form[key] = nil
            }
            form["step"] = "4"
            form["action"] = "next"
            let last = try await browser.post(path, form: form)
            #expect(last.status == .ok)
            #expect(last.body.string.contains("name=\"consentEmployerProfile\" type=\"checkbox\" value=\"yes\">"), "shown, not ticked")
            #expect(!last.body.string.contains("value=\"yes\" checked"))
            #expect(
                last.body.string.contains("name=\"consentVersionProgrammePartners\" value=\"1\""), "the version shown travels with the form"
            )
            var refused = Fixtures.applicationForm()
            refused["consentProgrammePartners"] = nil
            let response = try await Fixtures.submitApplication(Browser(app), intake: intake, form: refused)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("consentProgrammePartners-error"))
            #expect(try await IntakeApplication.query(on: app.db).count() == 0)
        }
    }

    @Test("a double submit creates one application; the same person number again creates none and tells the owner")
    func duplicates() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (_, intake) = try await Fixtures.openIntake(app)
            let number = Fixtures.personNumber(year: 1988, month: 7, day: 14, serial: 123)
            let form = Fixtures.applicationForm(personNumber: number, email: "owner@example.se")
            let browser = Browser(app)
            let first = try await Fixtures.submitApplication(browser, intake: intake, form: form, key: "same-key")
            let second = try await Fixtures.submitApplication(browser, intake: intake, form: form, key: "same-key")
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(try await IntakeApplication.query(on: app.db).count() == 1)

            let stranger = Fixtures.applicationForm(personNumber: number, email: "stranger@example.se", firstName: "Someone")
            let third = try await Fixtures.submitApplication(Browser(app), intake: intake, form: stranger)
            #expect(third.headers.first(name: .location) == "/apply/received", "the visitor sees the same receipt")
            #expect(try await IntakeApplication.query(on: app.db).count() == 1)
            #expect(try await Participant.query(on: app.db).count() == 1)
            #expect(!capture.sent.contains { $0.to == "stranger@example.se" }, "the stranger gets no link to someone else's application")
            #expect(capture.sent.last?.to == "owner@example.se")
            #expect(capture.sent.last?.subject.contains("redan") == true)
        }
    }

    @Test("an application links to the participant already registered with the number, never a duplicate")
    func linksExistingParticipant() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let number = Fixtures.personNumber(year: 1985, month: 2, day: 3, serial: 456)
            let existing = try await Fixtures.participant(app, lastName: "Registered", personNumber: number)
            try await Fixtures.submitApplication(Browser(app), intake: intake, form: Fixtures.applicationForm(personNumber: number))
            let application = try #require(try await IntakeApplication.query(on: app.db).first())
            #expect(application.$participant.id == existing.id)
            #expect(try await Participant.query(on: app.db).count() == 1)
            #expect(
                try await Participant.find(existing.id, on: app.db)?.lastName == "Registered", "the register's record is not overwritten")
        }
    }

    @Test("without a person number, name and birth date find the earlier application to the intake")
    func noNumber() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            var form = Fixtures.applicationForm(email: "nonumber@example.se")
            form["identification"] = "none"
            form["personNumber"] = ""
            form["birthDate"] = "1990-04-05"
            try await Fixtures.submitApplication(Browser(app), intake: intake, form: form)
            try await Fixtures.submitApplication(Browser(app), intake: intake, form: form)
            #expect(try await IntakeApplication.query(on: app.db).count() == 1)
            let participant = try #require(try await Participant.query(on: app.db).first())
            #expect(participant.identifierKind == "foreign")
            #expect(participant.birthYear == 1990)
        }
    }

    @Test("a filled honeypot is answered like an application and stores nothing")
    func honeypot() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            var form = Fixtures.applicationForm()
            form["website"] = "http://spam.example"
            let response = try await Fixtures.submitApplication(Browser(app), intake: intake, form: form)
            #expect(response.status == .seeOther)
            #expect(try await IntakeApplication.query(on: app.db).count() == 0)
            #expect(try await Participant.query(on: app.db).count() == 0)
        }
    }

    @Test("submissions are throttled per client address, with what was typed kept")
    func throttled() async throws {
        try await withPraktikApp(adjust: { $0.applicationsPerAddressPerHour = 2 }) { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            for _ in 0..<2 { try await Fixtures.submitApplication(browser, intake: intake, form: Fixtures.applicationForm()) }
            let third = try await Fixtures.submitApplication(browser, intake: intake, form: Fixtures.applicationForm(firstName: "Third"))
            #expect(third.status == .tooManyRequests)
            #expect(third.headers.first(name: "Retry-After") != nil)
            #expect(third.body.string.contains("value=\"Third\"") || third.body.string.contains("name=\"firstName\" value=\"Third\""))
            #expect(try await IntakeApplication.query(on: app.db).count() == 2)
        }
    }

    @Test("a closed intake refuses new applications with a message")
    func closedIntake() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JS-C")
            let programme = try await Fixtures.programme(app, unit: unit)
            let closed = try await Fixtures.intake(app, programme: programme, status: .screening)
            let page = try await Browser(app).get("/apply/\(try closed.requireID())")
            #expect(page.status == .gone)
            #expect(page.body.string.contains("Det går inte längre att söka"))
            let post = try await Fixtures.submitApplication(Browser(app), intake: closed, form: Fixtures.applicationForm())
            #expect(post.status == .conflict)
            let later = try await Fixtures.intake(app, programme: programme, name: "Later", opensOn: "2026-12-01", closesOn: "2026-12-20")
            let notYet = try await Browser(app).get("/apply/\(try later.requireID())")
            #expect(notYet.body.string.contains("Du kan söka från"))
            #expect(try await IntakeApplication.query(on: app.db).count() == 0)
        }
    }

    @Test("a tampered or expired status link is a friendly 404")
    func badLinks() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (_, intake) = try await Fixtures.openIntake(app)
            try await Fixtures.submitApplication(Browser(app), intake: intake, form: Fixtures.applicationForm(email: "link@example.se"))
            let link = try #require(Fixtures.statusLink(in: capture, to: "link@example.se"))
            let tampered = try await Browser(app).get(String(link.dropLast()) + "x")
            #expect(tampered.status == .notFound)
            #expect(tampered.body.string.contains("Länken fungerar inte"))
            let post = try await Browser(app).post(String(link.dropLast()) + "x/withdraw", form: ["confirm": "yes"])
            #expect(post.status == .notFound)
            #expect(try await Browser(app).get(link).status == .ok)
        }
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (_, intake) = try await Fixtures.openIntake(app)
            try await Fixtures.submitApplication(Browser(app), intake: intake, form: Fixtures.applicationForm(email: "old@example.se"))
            let link = try #require(Fixtures.statusLink(in: capture, to: "old@example.se"))
            clock.advance(by: ApplicationLinks.lifetime + 60)
            let expired = try await Browser(app).get(link)
            #expect(expired.status == .notFound)
            #expect(expired.body.string.contains("Få en ny länk"))
        }
    }

    @Test("a new link is sent to the address of an application, and the page says the same for any address")
    func newLink() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (_, intake) = try await Fixtures.openIntake(app)
            _ = try await Fixtures.application(app, intake: intake, form: Fixtures.applicationForm(email: "again@example.se"))
            try await Fixtures.deliverMail(app)
            let before = capture.sent.count
            let browser = Browser(app)
            try await browser.get("/apply/status")
            let known = try await browser.post("/apply/status", form: ["email": "Again@Example.se "])
            let unknown = try await browser.post("/apply/status", form: ["email": "nobody@example.se"])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.body.string.contains("Om adressen finns") && unknown.body.string.contains("Om adressen finns"))
            #expect(capture.sent.count == before + 1, "one new link, nothing for the unknown address")
            #expect(capture.sent.last?.to == "again@example.se")
        }
    }

    @Test("the applicant withdraws the application and the consent to employers on the status page")
    func withdrawAndConsent() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (_, intake) = try await Fixtures.openIntake(app)
            try await Fixtures.submitApplication(Browser(app), intake: intake, form: Fixtures.applicationForm(email: "w@example.se"))
            let application = try #require(try await IntakeApplication.query(on: app.db).first())
            let consents = ConsentService(database: app.db, clock: app.clock)
            #expect(try await consents.isActive(.employerProfile, for: application.$participant.id))
            let link = try #require(Fixtures.statusLink(in: capture, to: "w@example.se"))
            let browser = Browser(app)
            try await browser.get(link)
            let stop = try await browser.post(link + "/consent", form: ["action": "withdrawn"])
            #expect(stop.status == .seeOther)
            #expect(
                try await consents.isActive(.employerProfile, for: application.$participant.id) == false, "no employer sees the person now")

            try await browser.get(link)
            let unconfirmed = try await browser.post(link + "/withdraw")
            #expect(unconfirmed.status == .badRequest)
            let withdrawn = try await browser.post(link + "/withdraw", form: ["confirm": "yes"])
            #expect(withdrawn.status == .seeOther)
            let stored = try #require(try await IntakeApplication.find(application.id, on: app.db))
            #expect(stored.status == "withdrawn")
            #expect(stored.withdrawnAt != nil)
            #expect(
                try await IntakeEligibility(database: app.db).answer(
                    participantID: stored.$participant.id, intakeID: try intake.requireID()) == .withdrawn)
            let page = try await browser.get(link)
            #expect(page.body.string.contains("Du har tagit tillbaka din ansökan"))
        }
    }

    @Test("the status page speaks the language the person applied in")
    func statusLanguage() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (_, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            browser.extraHeaders.add(name: .acceptLanguage, value: "en")
            try await Fixtures.submitApplication(browser, intake: intake, form: Fixtures.applicationForm(email: "en@example.se"))
            #expect(capture.sent.last?.subject.contains("We have received") == true)
            let link = try #require(Fixtures.statusLink(in: capture, to: "en@example.se"))
            let page = try await Browser(app).get(link)
            #expect(page.body.string.contains("We are reviewing your application"), "a Swedish browser still sees the applicant's English")
            let participant = try #require(try await Participant.query(on: app.db).filter(\.$email == "en@example.se").first())
            #expect(participant.messageLanguage == "en", "the language applied in becomes the person's own")
        }
    }

    @Test("a Danish applicant reads the consent texts in Danish")
    func danishConsentTexts() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let browser = Browser(app)
            browser.extraHeaders.add(name: .acceptLanguage, value: "da")
            let path = "/apply/\(try intake.requireID())"
            try await browser.get(path)
            var form = Fixtures.applicationForm()
            form["step"] = "4"
            form["action"] = "next"
            let page = try await browser.post(path, form: form)
            #expect(page.status == .ok)
            #expect(page.body.string.contains(#"<html lang="da""#))
            #expect(page.body.string.contains("Jeg giver samtykke til, at mine oplysninger deles mellem forløbet, jobcentret"))
            #expect(!page.body.string.contains("Jag samtycker"))
        }
    }
}
