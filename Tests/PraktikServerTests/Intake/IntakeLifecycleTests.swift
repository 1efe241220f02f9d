import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Intake: programmes, intakes, rule-set versions, end of an intake")
struct IntakeLifecycleTests {
    @Test("an admin adds a programme; a case worker of its unit creates an intake, with every bad field named")
    func createIntake() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JS-NEW", name: "Jobbsprånget")
            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            try await admin.get("/admin/programmes")
            let bad = try await admin.post(
                "/admin/programmes", form: ["code": "Bad Code", "name": "", "kind": "x", "placementMonths": "99"])
            #expect(bad.status == .badRequest)
            #expect(
                bad.body.string.contains("code-error") && bad.body.string.contains("name-error") && bad.body.string.contains("kind-error"))
            let created = try await admin.post(
                "/admin/programmes",
                form: [
                    "code": "jobbspranget", "name": "Jobbsprånget", "kind": "internship_programme", "unitID": unit.id?.uuidString ?? "",
                    "placementMonths": "4",
                ])
            #expect(created.status == .seeOther)
            let programme = try #require(try await Programme.query(on: app.db).first())

            let worker = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let browser = Browser(app)
            try await browser.signIn(worker.email)
            let form = try await browser.get("/intakes/new")
            #expect(form.body.string.contains("Jobbsprånget"))
            let invalid = try await browser.post(
                "/intakes",
                form: [
                    "programmeID": programme.id?.uuidString ?? "", "name": "Hösten", "opensOn": "2026-12-31", "closesOn": "2026-12-01",
                    "placementStart": "2027-05-01", "placementEnd": "2027-01-01", "targetPlaces": "0", "ruleSet": "jobbspranget@9",
                ])
            #expect(invalid.status == .badRequest)
            for field in ["closesOn-error", "placementEnd-error", "targetPlaces-error", "ruleSet-error"] {
                #expect(invalid.body.string.contains(field), "\(field)")
            }
            #expect(invalid.body.string.contains("value=\"Hösten\""))
            let ok = try await browser.post(
                "/intakes",
                form: [
                    "programmeID": programme.id?.uuidString ?? "", "name": "Hösten 2026", "opensOn": "2026-11-01", "closesOn": "2026-12-15",
                    "placementStart": "2027-01-10", "placementEnd": "2027-05-09", "targetPlaces": "120", "ruleSet": "jobbspranget@2",
                    "isPilot": "yes",
                ])
            #expect(ok.status == .seeOther)
            let intake = try #require(try await Intake.query(on: app.db).first())
            #expect(intake.status == "planned")
            #expect(intake.isPilot)
            #expect(try await StoredRuleSet.find(intake.$ruleSet.id, on: app.db)?.version == 2)

            // A programme of another unit is not offered to this case worker.
            let other = try await Fixtures.programme(app, unit: try await Fixtures.unit(app, code: "OTHER3"))
            let refused = try await browser.post(
                "/intakes",
                form: [
                    "programmeID": other.id?.uuidString ?? "", "name": "X", "opensOn": "2026-11-01", "closesOn": "2026-12-15",
                    "placementStart": "2027-01-10", "placementEnd": "2027-05-09", "targetPlaces": "1", "ruleSet": "jobbspranget@1",
                ])
            #expect(refused.status == .badRequest)
            #expect(try await Intake.query(on: app.db).count() == 1)
        }
    }

    @Test("an intake keeps the version of the rules it was created with; a stored version is never rewritten")
    func ruleSetVersions() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JS-V")
            let programme = try await Fixtures.programme(app, unit: unit)
            let old = try await Fixtures.intake(app, programme: programme, name: "2023", ruleSet: EligibilityRuleSets.jobbsprangetV1)
            let new = try await Fixtures.intake(app, programme: programme, name: "2024", ruleSet: EligibilityRuleSets.jobbsprangetV2)
            var form = Fixtures.applicationForm()
            form["level1"] = "B1"
            let inOld = try await Fixtures.application(app, intake: old, form: form)
            let inNew = try await Fixtures.application(app, intake: new, form: form)
            #expect(inOld.colour == "orange", "v1 checks a language below B2 by hand")
            #expect(inNew.colour == "red", "v2 refuses it")

            let store = RuleSetStore(database: app.db, clock: app.clock)
            let again = try await store.store(EligibilityRuleSets.jobbsprangetV1)
            #expect(again.id == old.$ruleSet.id, "the same version is stored once")
            for row in try await StoredRuleSet.query(on: app.db).all() {
                let stored = try RuleSetStore.decode(row)
                #expect(
                    stored == EligibilityRuleSets.find(code: row.code, version: row.version),
                    "a shipped version changed: make a new version instead")
            }
            // Running the rules again later still uses the intake's own version.
            try await EligibilityService(database: app.db, clock: app.clock).evaluate(inOld, in: old)
            #expect(try await IntakeApplication.find(inOld.id, on: app.db)?.colour == "orange")
        }
    }

    @Test("ending an intake tells everyone without a place; the eligible may join the waiting list, carried into the next intake")
    func endAndWaitingList() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (unit, intake) = try await Fixtures.openIntake(app)
            let eligible = try await Fixtures.application(app, intake: intake, form: Fixtures.applicationForm(email: "eligible@example.se"))
            var redForm = Fixtures.applicationForm(email: "red@example.se")
            redForm["birthRegion"] = "europe"
            let red = try await Fixtures.application(app, intake: intake, form: redForm)
            let waiting = try await Fixtures.application(app, intake: intake, form: Fixtures.applicationForm(email: "undecided@example.se"))
            let messages = ApplicantMessages(
                database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test")
            let decisions = ScreeningDecisions(database: app.db, clock: app.clock, messages: messages, actor: Fixtures.adminActor)
            _ = try await decisions.decide([try eligible.requireID()], in: intake, as: .green, justification: "OK")
            _ = try await decisions.decide([try red.requireID()], in: intake, as: .red, justification: "Född i Europa")

            let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let page = "/intakes/\(try intake.requireID())"
            try await browser.get(page)
            let unconfirmed = try await browser.post(page + "/status", form: ["status": "closed"])
            #expect(unconfirmed.status == .badRequest)
            #expect(try await Intake.find(intake.id, on: app.db)?.status == "open")
            try await browser.get(page)
            let closed = try await browser.post(page + "/status", form: ["status": "closed", "confirm": "yes"])
            #expect(closed.status == .seeOther)
            #expect(try await Intake.find(intake.id, on: app.db)?.status == "closed")
            let ended = try #require(try await IntakeApplication.find(eligible.id, on: app.db))
            #expect(ended.status == "not_offered" && ended.waitingListOffered)
            let undecided = try #require(try await IntakeApplication.find(waiting.id, on: app.db))
            #expect(undecided.status == "not_offered" && !undecided.waitingListOffered)
            #expect(try await IntakeApplication.find(red.id, on: app.db)?.status == "not_eligible")
            #expect(capture.sent.contains { $0.to == "eligible@example.se" && $0.subject.contains("väntelistan") })
            #expect(capture.sent.contains { $0.to == "undecided@example.se" && $0.subject.contains("avslutat") })

            let link = try #require(Fixtures.statusLink(in: capture, to: "eligible@example.se"))
            let applicant = Browser(app)
            try await applicant.get(link)
            let joined = try await applicant.post(link + "/waiting-list", form: ["stay": "yes"])
            #expect(joined.status == .seeOther)
            #expect(try await IntakeApplication.find(eligible.id, on: app.db)?.status == "waiting_list")
            let notOffered = try #require(Fixtures.statusLink(in: capture, to: "undecided@example.se"))
            try await applicant.get(notOffered)
            #expect(
                try await applicant.post(notOffered + "/waiting-list", form: ["stay": "yes"]).status == .conflict,
                "only the eligible are offered the list")

            let next = try await Fixtures.intake(
                app, programme: try #require(try await Programme.find(intake.$programme.id, on: app.db)), name: "Våren 2027",
                ruleSet: EligibilityRuleSets.jobbsprangetV2, status: .planned, opensOn: "2026-12-01", closesOn: "2027-01-05",
                previous: intake)
            let nextPage = "/intakes/\(try next.requireID())"
            try await browser.get(nextPage)
            let carried = try await browser.post(nextPage + "/waiting-list")
            #expect(carried.status == .seeOther)
            let copies = try await IntakeApplication.query(on: app.db).filter(\.$intake.$id == next.requireID()).all()
            #expect(copies.count == 1)
            #expect(copies.first?.$participant.id == eligible.$participant.id)
            #expect(copies.first?.channel == "waiting_list")
            #expect(copies.first?.carriedFromApplicationID == eligible.id)
            #expect(try await ApplicationLanguage.query(on: app.db).filter(\.$application.$id == copies[0].requireID()).count() == 2)
            #expect(capture.sent.contains { $0.to == "eligible@example.se" && $0.subject.contains("Våren 2027") })
        }
    }

    @Test("erasing a participant removes the name, contact details and free text from their applications")
    func erasure() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            var form = Fixtures.applicationForm(email: "erase.me@example.se", firstName: "Zainab", lastName: "Qurbani")
            form["educationCountry"] = "Afghanistan"
            let application = try await Fixtures.application(app, intake: intake, form: form)
            let messages = ApplicantMessages(
                database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test")
            _ = try await ScreeningDecisions(database: app.db, clock: app.clock, messages: messages, actor: Fixtures.adminActor)
                .decide([try application.requireID()], in: intake, as: .green, justification: "Zainab Qurbani uppfyller villkoren")
            let participant = try #require(try await Participant.find(application.$participant.id, on: app.db))
            try await ErasureService(database: app.db, clock: app.clock).erase(participant, by: Fixtures.adminActor)
            let sql = try app.db.sql
            for table in ["applications", "eligibility_assessments", "application_links", "completion_requests", "outbox_messages"] {
                for row in try await sql.select().column("*").from(table).all() {
                    let text = row.exportedValues().values.joined(separator: " ")
                    for secret in ["Zainab", "Qurbani", "erase.me@example.se", "Afghanistan"] {
                        #expect(!text.contains(secret), "\(secret) survives in \(table)")
                    }
                }
            }
            let stored = try #require(try await IntakeApplication.find(application.id, on: app.db))
            #expect(stored.gender == "woman" && stored.colour == "green", "what the statistics count stays")
        }
    }
}
