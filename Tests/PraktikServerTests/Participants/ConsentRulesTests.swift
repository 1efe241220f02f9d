import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

@Suite("Consent purposes and consent on an erased record")
struct ConsentRulesTests {
    @Test("an admin's new consent purpose is saved at text version 1 and audited")
    func addPurposeIsAudited() async throws {
        try await withPraktikApp { app in
            let (browser, admin) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get("/admin/consent-purposes")
            let response = try await browser.post(
                "/admin/consent-purposes",
                form: ["code": "Newsletter_2", "legalBasis": "consent", "textSwedish": "Nyhetsbrev", "textEnglish": "Newsletter"])
            #expect(response.status == .seeOther)
            let purpose = try #require(try await ConsentPurposeRecord.query(on: app.db).filter(\.$code == "newsletter_2").first())
            #expect(purpose.textVersion == 1 && !purpose.isBuiltIn)
            let events = try await AuditEvent.query(on: app.db).filter(\.$recordType == "consent_purpose").all()
            #expect(events.count == 1)
            #expect(events.first?.action == "create")
            #expect(events.first?.actorUserID == admin.id)
            #expect(events.first?.recordID == purpose.id?.uuidString)
        }
    }

    @Test("a purpose's Danish text is optional; without it Danish readers see the English, with it the Danish")
    func danishText() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get("/admin/consent-purposes")
            try await browser.post(
                "/admin/consent-purposes",
                form: ["code": "newsletter", "legalBasis": "consent", "textSwedish": "Nyhetsbrev", "textEnglish": "Newsletter"])
            try await browser.post(
                "/admin/consent-purposes",
                form: [
                    "code": "courses", "legalBasis": "consent", "textSwedish": "Kurser", "textEnglish": "Courses",
                    "textDanish": "Kurser og hold",
                ])
            let purposes = try await ConsentService(database: app.db, clock: app.clock).purposes()
            let newsletter = try #require(purposes.first { $0.code == "newsletter" })
            let courses = try #require(purposes.first { $0.code == "courses" })
            #expect(newsletter.text(in: .danish) == "Newsletter")
            #expect(courses.text(in: .danish) == "Kurser og hold")
            #expect(courses.text(in: .swedish) == "Kurser")
            let builtIn = try #require(purposes.first { $0.code == BuiltInConsentPurpose.postExitFollowUp.rawValue })
            #expect(builtIn.text(in: .danish).hasPrefix("Jeg giver samtykke til, at I kontakter mig"))
            #expect(try await browser.get("/admin/consent-purposes").body.string.contains("Kurser og hold"))
        }
    }

    @Test("an invalid or taken code, a missing basis or text: every problem shown, nothing saved or audited")
    func addPurposeRefusesBadInput() async throws {
        try await withPraktikApp { app in
            let consents = ConsentService(database: app.db, clock: app.clock)
            let before = try await ConsentPurposeRecord.query(on: app.db).count()
            await #expect(
                throws: FormErrors(fields: [
                    "code": "consent-purposes.code.invalid", "legalBasis": "form.required", "textSwedish": "form.required",
                    "textEnglish": "form.required",
                ])
            ) {
                try await consents.addPurpose(.init(code: "no spaces!", legalBasis: "whim"), by: Fixtures.adminActor)
            }
            await #expect(throws: FormErrors.duplicate("code", "consent-purposes.code.taken")) {
                try await consents.addPurpose(
                    .init(code: "post_exit_follow_up", legalBasis: "consent", textSwedish: "x", textEnglish: "y"), by: Fixtures.adminActor)
            }
            #expect(try await ConsentPurposeRecord.query(on: app.db).count() == before)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$recordType == "consent_purpose").count() == 0)

            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            try await browser.get("/admin/consent-purposes")
            let response = try await browser.post("/admin/consent-purposes", form: ["code": "", "legalBasis": "consent"])
            #expect(response.status == .badRequest)
        }
    }

    @Test("consent cannot be recorded on an erased record: the service refuses, the page answers 409")
    func consentOnErasedRecordIsRefused() async throws {
        try await withPraktikApp { app in
            let participant = try await Fixtures.participant(app)
            try await ErasureService(database: app.db, clock: app.clock).erase(participant, by: Fixtures.adminActor)
            let admin = SignedInUser(id: UUID(), email: "a@x", displayName: "A", role: .admin, unitID: nil, language: .swedish)
            let service = ParticipantService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: admin), actor: Fixtures.adminActor)
            await #expect(throws: ParticipantService.Refused.self) {
                try await service.recordConsent(.given, purpose: "post_exit_follow_up", channel: .paper, for: participant)
            }
            #expect(try await ConsentEvent.query(on: app.db).filter(\.$participant.$id == participant.requireID()).count() == 0)

            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            let page = "/participants/\(try participant.requireID().uuidString)"
            try await browser.get(page)
            let response = try await browser.post(page + "/consents", form: ["purpose": "post_exit_follow_up", "action": "given"])
            #expect(response.status == .conflict)
        }
    }
}
