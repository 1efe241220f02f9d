import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Intake: screening")
struct ScreeningTests {
    /// Four applicants: green, red (born in Europe), red (degree field outside the list), orange
    /// (permit applied for), living in two districts.
    func fourApplicants(_ app: Application, intake: Intake) async throws -> [String: IntakeApplication] {
        var result: [String: IntakeApplication] = [:]
        var green = Fixtures.applicationForm(firstName: "Green")
        green["homeDistrict"] = "Kista"
        result["green"] = try await Fixtures.application(app, intake: intake, form: green)
        var europe = Fixtures.applicationForm(firstName: "Europe", gender: .man)
        europe["birthRegion"] = "europe"
        europe["homeDistrict"] = "Kista"
        result["europe"] = try await Fixtures.application(app, intake: intake, form: europe)
        var law = Fixtures.applicationForm(firstName: "Law")
        law["educationField"] = "law"
        law["homeDistrict"] = "Bromma"
        result["law"] = try await Fixtures.application(app, intake: intake, form: law)
        var pending = Fixtures.applicationForm(firstName: "Pending", gender: .man)
        pending["permitKind"] = "pending"
        pending["permitEnd"] = ""
        result["pending"] = try await Fixtures.application(app, intake: intake, form: pending)
        return result
    }

    func caseWorker(of unit: OrganisationUnit, _ app: Application) async throws -> (Browser, User) {
        let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
        let browser = Browser(app)
        try await browser.signIn(user.email)
        return (browser, user)
    }

    @Test("the rules colour each application and list every rule that fired")
    func colours() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let applicants = try await fourApplicants(app, intake: intake)
            #expect(applicants["green"]?.colour == "green")
            #expect(applicants["europe"]?.colour == "red")
            #expect(applicants["law"]?.colour == "red")
            #expect(applicants["pending"]?.colour == "orange")
            let reasons = try await AssessmentReason.query(on: app.db).all().map(\.ruleCode).sorted()
            #expect(reasons == ["born-outside-europe", "degree-field", "permit-valid-through-placement"])
        }
    }

    @Test("the queue filters by colour, rule, district, field and name")
    func filters() async throws {
        try await withPraktikApp { app in
            let (unit, intake) = try await Fixtures.openIntake(app)
            _ = try await fourApplicants(app, intake: intake)
            let (browser, _) = try await caseWorker(of: unit, app)
            let base = "/intakes/\(try intake.requireID())/screening"
            func names(_ query: String) async throws -> [String] {
                let html = try await browser.get(base + query).body.string
                return ["Green", "Europe", "Law", "Pending"].filter { html.contains("Karimi, \($0)") }
            }
            #expect(try await names("") == ["Green", "Europe", "Law", "Pending"])
            #expect(try await names("?colour=red") == ["Europe", "Law"])
            #expect(try await names("?rule=degree-field") == ["Law"])
            #expect(try await names("?district=Kista") == ["Green", "Europe"])
            #expect(try await names("?field=law") == ["Law"])
            #expect(try await names("?colour=red&district=Kista") == ["Europe"])
            #expect(try await names("?q=pend") == ["Pending"])
            let page = try await browser.get(base + "?colour=red").body.string
            #expect(page.contains("<span>Röd</span>: 2"))
            #expect(page.contains("<span>Grön</span>: 1"), "the colour counts ignore the colour filter itself")
        }
    }

    @Test("a bulk decision on the ticked applications, with a justification, audited and told")
    func bulkSelected() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (unit, intake) = try await Fixtures.openIntake(app)
            let applicants = try await fourApplicants(app, intake: intake)
            let (browser, user) = try await caseWorker(of: unit, app)
            let base = "/intakes/\(try intake.requireID())/screening"
            try await browser.get(base)
            let ids = [applicants["europe"], applicants["law"]].compactMap { $0?.id?.uuidString }
            let missing = try await browser.post(
                base + "/decisions", form: ["ids[]": ids[0], "scope": "selected", "colour": "red", "justification": ""])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("Skriv en motivering"))

            try await Fixtures.deliverMail(app)
            let before = capture.sent.count
            for id in ids {
                try await browser.get(base)
                let decided = try await browser.post(
                    base + "/decisions",
                    form: ["ids[]": id, "scope": "selected", "colour": "red", "justification": "Villkoren uppfylls inte."])
                #expect(decided.status == .seeOther)
            }
            let europe = try #require(try await IntakeApplication.find(applicants["europe"]?.id, on: app.db))
            #expect(europe.status == "not_eligible")
            #expect(europe.firstDecidedAt != nil)
            let history = try await EligibilityAssessment.query(on: app.db).filter(\.$application.$id == europe.requireID()).sort(
                \.$sequence
            ).all()
            #expect(history.map(\.source) == ["rules", "decision"])
            #expect(history.last?.justification == "Villkoren uppfylls inte.")
            #expect(history.last?.decidedBy == user.id)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$detail == "decision=red").count()
            #expect(audited == 2)
            #expect(capture.sent.count == before + 2, "each applicant is told")
        }
    }

    @Test("a decision on every application the filter shows, refused when the list changed meanwhile")
    func bulkAll() async throws {
        try await withPraktikApp { app in
            let (unit, intake) = try await Fixtures.openIntake(app)
            let applicants = try await fourApplicants(app, intake: intake)
            let (browser, _) = try await caseWorker(of: unit, app)
            let base = "/intakes/\(try intake.requireID())/screening"
            try await browser.get(base + "?colour=red")
            let stale = try await browser.post(
                base + "/decisions?colour=red",
                form: ["scope": "all", "expectedCount": "3", "colour": "red", "justification": "Röda enligt reglerna."])
            #expect(stale.status == .conflict)
            #expect(try await IntakeApplication.query(on: app.db).filter(\.$status == "not_eligible").count() == 0)
            try await browser.get(base + "?colour=red")
            let done = try await browser.post(
                base + "/decisions?colour=red",
                form: ["scope": "all", "expectedCount": "2", "colour": "red", "justification": "Röda enligt reglerna."])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location)?.contains("decided=2") == true)
            #expect(try await IntakeApplication.query(on: app.db).filter(\.$status == "not_eligible").count() == 2)
            #expect(try await IntakeApplication.find(applicants["green"]?.id, on: app.db)?.status == "submitted")
            let queue = try await browser.get(base)
            #expect(!queue.body.string.contains("Karimi, Law"), "decided applications leave the default queue")
        }
    }

    @Test("a person's decision overrides the rules: an orange cleared is 'cleared' for the placement decision")
    func clearedByHand() async throws {
        try await withPraktikApp { app in
            let (unit, intake) = try await Fixtures.openIntake(app)
            let applicants = try await fourApplicants(app, intake: intake)
            let pending = try #require(applicants["pending"])
            let eligibility = IntakeEligibility(database: app.db)
            let intakeID = try intake.requireID()
            #expect(try await eligibility.answer(participantID: pending.$participant.id, intakeID: intakeID) == .orange)
            #expect(try await eligibility.answer(participantID: applicants["green"]!.$participant.id, intakeID: intakeID) == .green)
            let (browser, _) = try await caseWorker(of: unit, app)
            let page = "/applications/\(try pending.requireID())"
            let shown = try await browser.get(page)
            #expect(shown.body.string.contains("permit-valid-through-placement"))
            #expect(shown.body.string.contains("Går inte att avgöra"))
            let decided = try await browser.post(
                page + "/decision", form: ["colour": "green", "justification": "Beslut från Migrationsverket visat."])
            #expect(decided.status == .seeOther)
            #expect(try await eligibility.answer(participantID: pending.$participant.id, intakeID: intakeID) == .cleared)
            #expect(try await eligibility.isGreenOrCleared(participantID: pending.$participant.id, intakeID: intakeID))
            #expect(try await eligibility.answer(participantID: UUID(), intakeID: intakeID) == .noApplication)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$recordType == "application").filter(\.$action == "view").count() >= 1)
        }
    }

    @Test("a case worker's correction runs the rules again and keeps the history")
    func correction() async throws {
        try await withPraktikApp { app in
            let (unit, intake) = try await Fixtures.openIntake(app)
            let applicants = try await fourApplicants(app, intake: intake)
            let law = try #require(applicants["law"])
            let (browser, _) = try await caseWorker(of: unit, app)
            let page = "/applications/\(try law.requireID())"
            try await browser.get(page)
            let corrected = try await browser.post(page + "/answers", form: ["educationField": "economics"])
            #expect(corrected.status == .seeOther)
            let stored = try #require(try await IntakeApplication.find(law.id, on: app.db))
            #expect(stored.colour == "green")
            #expect(stored.educationField == "economics")
            #expect(try await EligibilityAssessment.query(on: app.db).filter(\.$application.$id == stored.requireID()).count() == 2)
        }
    }

    @Test("case workers of another unit find nothing; analysts cannot screen")
    func scope() async throws {
        try await withPraktikApp { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let applicants = try await fourApplicants(app, intake: intake)
            let other = try await Fixtures.unit(app, code: "OTHER")
            let (stranger, _) = try await caseWorker(of: other, app)
            let intakeID = try intake.requireID()
            let applicationID = try #require(applicants["green"]?.id)
            for path in [
                "/intakes/\(intakeID)", "/intakes/\(intakeID)/screening", "/intakes/\(intakeID)/outreach", "/intakes/\(intakeID)/funnel",
                "/intakes/\(intakeID)/funnel.csv", "/applications/\(applicationID)", "/intakes/\(intakeID)/edit",
            ] {
                #expect(try await stranger.get(path).status == .notFound, "\(path)")
            }
            try await stranger.get("/intakes")
            let post = try await stranger.post("/applications/\(applicationID)/decision", form: ["colour": "green", "justification": "x"])
            #expect(post.status == .notFound)
            #expect(try await IntakeApplication.find(applicationID, on: app.db)?.status == "submitted")
            let list = try await stranger.get("/intakes")
            #expect(!list.body.string.contains(intake.name))

            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            #expect(try await analyst.get("/intakes/\(intakeID)/screening").status == .forbidden)
            #expect(try await analyst.get("/applications/\(applicationID)").status == .forbidden)
            #expect(try await analyst.get("/intakes/\(intakeID)/funnel").status == .ok)
        }
    }
}
