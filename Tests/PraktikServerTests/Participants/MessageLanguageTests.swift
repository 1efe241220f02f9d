import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// What Praktik sends a person is in that person's language, not in the language of whoever
/// makes it go (issue 10), and the installation's language covers everyone who has none.
@Suite("A person's own language")
struct MessageLanguageTests {
    func form(_ overrides: [String: String]) -> [String: String] {
        var fields = [
            "firstName": "Amira", "lastName": "Haddad", "email": "amira@example.dk", "identifierKind": "swedish_personal_number",
            "personNumber": "19121212-1212", "gender": "woman", "birthRegion": "outside_europe", "educationLevel": "upper_secondary",
            "benefitType": "forsorjningsstod",
        ]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    @Test("a Swedish case worker records Danish; the agreement mail, its link page and the decision letter are Danish")
    func danishParticipantSwedishCaseWorker() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, email: "amira@example.dk")
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: setup.unit, language: .swedish)
            let browser = Browser(app)
            #expect(try await browser.signIn(worker.email).status == .seeOther)
            let page = "/participants/\(setup.participantID)"
            let edit = try await browser.get(page + "/edit")
            #expect(edit.body.string.contains(#"<select id="messageLanguage" name="messageLanguage""#))
            #expect(edit.body.string.contains(#"<option value="sv" lang="sv" selected>Svenska</option>"#), "preset to the installation's")
            let saved = try await browser.post(page + "/edit", form: form(["messageLanguage": "da"]))
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(400))")
            #expect(try await Participant.find(setup.participantID, on: app.db)?.messageLanguage == "da")
            let shown = try await browser.get(page)
            #expect(shown.body.string.contains(#"<html lang="sv""#), "the case worker still reads Swedish")
            #expect(shown.body.string.contains("Dansk"))

            // A Swedish programme, decided by a Swedish case worker: the person's language wins.
            let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            #expect(placement.language == "da")
            try await Fixtures.placementService(app).saveAgreement(Fixtures.agreement, for: placement, by: Fixtures.caseWorkerActor)
            let mail = try #require(try await Fixtures.mail(to: "amira@example.dk", app).last)
            #expect(mail.subject == "Bekræft hvad du skal lave i praktikken")
            let supervisorMail = try #require(try await Fixtures.mail(to: "karin.ek@example.se", app).last)
            #expect(supervisorMail.subject == "Bekräfta överenskommelsen för praktiken med Amira", "the supervisor's own language: Swedish")

            // The link page speaks Danish to someone who has not chosen a language on it.
            let link = try #require(Fixtures.link(in: mail.bodyText, prefix: "agreement"))
            let linkPage = try await Browser(app).get(link)
            #expect(linkPage.status == .ok)
            #expect(linkPage.body.string.contains(#"<html lang="da""#))
            #expect(linkPage.body.string.contains("Aftale om praktikken"))

            // The decision letter the case worker opens is in the participant's language.
            let letter = try await browser.get("/placements/\(try placement.requireID())/letter")
            #expect(letter.status == .ok)
            #expect(letter.body.string.contains(#"<html lang="da""#))
            #expect(letter.body.string.contains("Du kan klage over afgørelsen"))
        }
    }

    @Test("a follow-up form goes out in the participant's language, even when it changed after the decision")
    func followUpFollowsTheCurrentLanguage() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, email: "amira@example.dk")
            let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            #expect(placement.language == "sv", "no language of their own yet: the programme's")
            try await Participant.query(on: app.db).filter(\.$id == setup.participantID).set(\.$messageLanguage, to: "da").update()
            let form = try #require(
                try await FollowUp.query(on: app.db).filter(\.$placement.$id == placement.requireID())
                    .filter(\.$respondent == FollowUpRespondent.participant.rawValue).first())
            #expect(try await Fixtures.followUpService(app).send(form))
            let mail = try #require(try await Fixtures.mail(to: "amira@example.dk", app).last)
            #expect(mail.subject == "Hvordan går dit praktikforløb?")
        }
    }

    @Test("a participant who picks a language on My pages gets what we send in it; consents read in Danish")
    func portalChoiceIsTheirLanguage() async throws {
        try await withPraktikApp { app in
            let (browser, user) = try await Fixtures.signedInParticipant(app)
            let participantID = try #require(user.$participant.id)
            #expect(try await Participant.find(participantID, on: app.db)?.messageLanguage == nil)
            try await browser.get("/portal")
            let switched = try await browser.post("/language", form: ["language": "da", "returnTo": "/portal"])
            #expect(switched.status == .seeOther)
            #expect(try await Participant.find(participantID, on: app.db)?.messageLanguage == "da")
            let portal = try await browser.get("/portal")
            #expect(portal.body.string.contains(#"<html lang="da""#))
            #expect(portal.body.string.contains("Jeg giver samtykke til, at virksomheder med egnede praktikpladser"))
            #expect(!portal.body.string.contains("Jag samtycker"))
        }
    }

    @Test("an invalid language on the participant form is refused and nothing changes")
    func invalidLanguage() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, email: "amira@example.dk")
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: setup.unit)
            let browser = Browser(app)
            try await browser.signIn(worker.email)
            let page = "/participants/\(setup.participantID)"
            try await browser.get(page + "/edit")
            let refused = try await browser.post(page + "/edit", form: form(["messageLanguage": "xx"]))
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains(#"id="messageLanguage-error""#))
            #expect(try await Participant.find(setup.participantID, on: app.db)?.messageLanguage == nil)
        }
    }

    @Test("PRAKTIK_DEFAULT_LANGUAGE: Swedish when unset, checked at start, and the language of pages for who asks for none")
    func installationDefault() async throws {
        #expect(try Settings.fromEnvironment([:]).defaultLanguage == .swedish)
        #expect(try Settings.fromEnvironment(["PRAKTIK_DEFAULT_LANGUAGE": "da"]).defaultLanguage == .danish)
        #expect(throws: Settings.Problems.self) { try Settings.fromEnvironment(["PRAKTIK_DEFAULT_LANGUAGE": "no"]) }
        try await withPraktikApp(adjust: { $0.defaultLanguage = .danish }) { app in
            let login = try await app.testing().sendRequest(.GET, "/login")
            #expect(login.body.string.contains(#"<html lang="da""#))
            #expect(login.body.string.contains("Log ind"))
            let english = try await app.testing().sendRequest(.GET, "/login", headers: ["Accept-Language": "en"])
            #expect(english.body.string.contains(#"<html lang="en""#), "a browser that asks for a language we speak gets it")
        }
    }
}
