import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Participants: export, erasure, retention, portal")
struct PrivacyTests {
    /// Every value in every table of the database, as text.
    func dumpEverything(_ app: Application) async throws -> String {
        let sql = try app.db.sql
        struct Name: Decodable { let name: String }
        let tables: [String]
        if sql.dialect.name == "sqlite" {
            tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(
                decoding: Name.self
            ).map(\.name)
        } else {
            tables = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")
                .all(decoding: Name.self).map(\.name)
        }
        #expect(tables.count >= 12)
        var dump = ""
        for table in tables {
            for row in try await sql.select().column("*").from(table).all() {
                dump += table + ": " + row.exportedValues().map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "\n"
            }
        }
        return dump
    }

    /// A participant with data in every linked table: languages, groups, consents, outcomes, a
    /// portal account, a sign-in link and mail.
    func richParticipant(_ app: Application, capture: CapturingMailTransport) async throws -> (Participant, Browser) {
        app.mailTransport = capture
        let participant = try await Fixtures.participant(
            app, firstName: "Zahra", lastName: "Quraishi", personNumber: "19121212-1212", email: "zahra.q@example.se")
        let id = try participant.requireID()
        let consents = ConsentService(database: app.db, clock: app.clock)
        try await consents.record(.given, purpose: "post_exit_follow_up", channel: .paper, participantID: id, by: Fixtures.adminActor)
        let browser = Browser(app)
        try await browser.get("/portal/sign-in")
        try await browser.post("/portal/sign-in", form: ["email": "zahra.q@example.se"])
        let link = try #require(capture.sent.last.flatMap { Self.link(in: $0.body) })
        try await browser.get(link)
        let signedIn = try await browser.post(link)
        #expect(signedIn.status == .seeOther)
        let admin = SignedInUser(id: UUID(), email: "a@x", displayName: "A", role: .admin, unitID: nil, language: .swedish)
        let service = ParticipantService(
            database: app.db, clock: app.clock, scope: ParticipantScope(user: admin), actor: Fixtures.adminActor)
        try await service.exit(
            participant, on: try #require(CivilDate(year: 2024, month: 1, day: 15)), reason: .work, outcome: .work,
            employerIsHost: true)
        try await service.recordFollowUp(participant, horizon: .threeMonths, status: .work, employerIsHost: true, source: .participant)
        return (participant, browser)
    }

    static func link(in body: String) -> String? {
        guard let range = body.range(of: "/portal/link/") else { return nil }
        let token = body[range.upperBound...].prefix { !$0.isWhitespace }
        return "/portal/link/" + token
    }

    @Test("the export holds every table with rows about the person, and no secrets")
    func exportCoversEveryTable() async throws {
        try await withPraktikApp { app in
            let (participant, _) = try await richParticipant(app, capture: CapturingMailTransport())
            let id = try participant.requireID()
            let sql = try app.db.sql
            let export = try await PersonalDataExport.collect(participantID: id, on: app.db, now: app.clock.now())

            // Tables, not views; and not the reports' copy of placements, which the export holds already.
            let tables = try await PersonalDataTables.linkedToParticipants(sql)
            #expect(tables.contains(Placement.schema))
            #expect(!tables.contains(ReportFacts.table) && !tables.contains(ReportFacts.view) && !tables.contains(ReportFacts.pending))
            var expected: [String: Int] = [:]
            for table in tables {
                let count = try await sql.select().column("*").from(table).where("participant_id", .equal, SQLBind(id)).all().count
                if count > 0 { expected[table] = count }
            }
            #expect(expected.keys.count >= 7, "fixture touches: \(expected.keys.sorted())")
            for (table, count) in expected {
                #expect(export.linkedRecords[table]?.count == count, "\(table): \(export.linkedRecords[table]?.count ?? 0) of \(count)")
            }
            #expect(export.participant["last_name"] == "Quraishi")
            #expect(export.accessLog.contains { $0.action == "create" })
            let json = String(decoding: try export.json(), as: UTF8.self)
            #expect(!json.contains("password_hash"))
            #expect(!json.contains("token_digest"))
        }
    }

    @Test("after erasure no table holds the name, person number or e-mail; statistics fields remain")
    func erasure() async throws {
        try await withPraktikApp { app in
            let (participant, browser) = try await richParticipant(app, capture: CapturingMailTransport())
            let before = try await dumpEverything(app)
            #expect(before.contains("Quraishi"))
            #expect(before.contains("191212121212"))
            #expect(before.contains("zahra.q@example.se"))

            try await ErasureService(database: app.db, clock: app.clock).erase(participant, by: Fixtures.adminActor)

            let after = try await dumpEverything(app)
            for secret in ["Quraishi", "Zahra", "191212121212", "1212121212", "zahra.q@example.se"] {
                #expect(
                    !after.contains(secret),
                    "\(secret) survives erasure:\n\(after.split(separator: "\n").filter { $0.contains(secret) }.joined(separator: "\n"))")
            }
            let erased = try #require(try await Participant.find(participant.id, on: app.db))
            #expect(erased.gender == "woman")
            #expect(erased.birthYear == 1912)
            #expect(erased.status == "exited")
            #expect(try await OutcomeRecord.query(on: app.db).count() == 2, "outcomes stay for the statistics")
            #expect(try await browser.get("/portal").status == .seeOther, "the portal session ended")
        }
    }

    @Test("a case worker erases through the page only with confirmation")
    func erasePage() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let participant = try await Fixtures.participant(app, unit: unit, lastName: "Toerase")
            let page = "/participants/\(try participant.requireID())"
            try await browser.get(page)
            let unconfirmed = try await browser.post(page + "/erase")
            #expect(unconfirmed.status == .badRequest)
            #expect(try await Participant.find(participant.id, on: app.db)?.lastName == "Toerase")
            let confirmed = try await browser.post(page + "/erase", form: ["confirm": "yes"])
            #expect(confirmed.status == .seeOther)
            let shown = try await browser.get(page)
            #expect(shown.body.string.contains("Raderad person"))
            #expect(!shown.body.string.contains("Toerase"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "erase").count() == 1)
        }
    }

    @Test("retention: the dry run lists only those due; running erases them")
    func retention() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_795_000_000))  // 2026-11-18
        try await withPraktikApp(clock: clock) { app in
            let admin = SignedInUser(id: UUID(), email: "a@x", displayName: "A", role: .admin, unitID: nil, language: .swedish)
            let service = ParticipantService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: admin), actor: Fixtures.adminActor)
            let old = try await Fixtures.participant(app, lastName: "Longgone")
            let recent = try await Fixtures.participant(app, lastName: "Recent")
            try await Fixtures.participant(app, lastName: "Stillactive")
            try await service.exit(old, on: CivilDate(iso8601: "2024-10-01")!, reason: .work, outcome: nil, employerIsHost: nil)
            try await service.exit(recent, on: CivilDate(iso8601: "2025-12-01")!, reason: .work, outcome: nil, employerIsHost: nil)

            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)
            let dryRun = try await browser.get("/admin/retention")
            #expect(dryRun.body.string.contains("2024-10-01"))
            #expect(!dryRun.body.string.contains("2025-12-01"))
            #expect(try await Participant.find(old.id, on: app.db)?.lastName == "Longgone", "a dry run erases nothing")

            let run = try await browser.post("/admin/retention")
            #expect(run.headers.first(name: .location) == "/admin/retention?erased=1")
            #expect(try await Participant.find(old.id, on: app.db)?.lastName == nil)
            #expect(try await Participant.find(recent.id, on: app.db)?.lastName == "Recent")
        }
    }

    @Test("portal: a one-time link signs in once; unknown addresses get the same answer")
    func portalSignIn() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            try await Fixtures.participant(app, firstName: "Yonas", email: "yonas@example.se")
            let browser = Browser(app)
            try await browser.get("/portal/sign-in")
            let known = try await browser.post("/portal/sign-in", form: ["email": "Yonas@Example.se "])
            let unknown = try await browser.post("/portal/sign-in", form: ["email": "nobody@example.se"])
            #expect(known.status == unknown.status)
            #expect(known.body.string.contains("Om adressen finns hos oss"))
            #expect(unknown.body.string.contains("Om adressen finns hos oss"))
            #expect(capture.sent.count == 1)
            let mail = try #require(capture.sent.first)
            #expect(mail.to == "yonas@example.se")
            #expect(mail.body.contains("Hej Yonas"))
            let link = try #require(Self.link(in: mail.body))

            // Opening the link does not use it up (mail scanners open links); the button does.
            #expect(try await browser.get(link).status == .ok)
            #expect(try await browser.get(link).status == .ok)
            let first = try await browser.post(link)
            #expect(first.headers.first(name: .location) == "/portal")
            let home = try await browser.get("/portal")
            #expect(home.body.string.contains("Hej Yonas"))

            let replay = Browser(app)
            try await replay.get(link)
            #expect(try await replay.post(link).status == .gone)

            // An expired link.
            try await browser.post("/logout")
            try await browser.get("/portal/sign-in")
            try await browser.post("/portal/sign-in", form: ["email": "yonas@example.se"])
            let second = try #require(capture.sent.last.flatMap { Self.link(in: $0.body) })
            clock.advance(by: 21 * 60)
            try await browser.get(second)
            #expect(try await browser.post(second).status == .gone)
        }
    }

    @Test("portal: the participant gives and withdraws consent and sees who viewed the record")
    func portalConsentAndAccessLog() async throws {
        try await withPraktikApp { app in
            let (browser, user) = try await Fixtures.signedIn(app, as: .participant)
            let participantID = try #require(user.$participant.id)
            try await browser.get("/portal")
            try await browser.post("/portal/consents", form: ["purpose": "employer_profile", "action": "given"])
            let consents = ConsentService(database: app.db, clock: app.clock)
            #expect(try await consents.isActive(.employerProfile, for: participantID))
            let event = try #require(try await ConsentEvent.query(on: app.db).first())
            #expect(event.channel == "portal")
            #expect(event.recordedBy == user.id)
            try await browser.post("/portal/consents", form: ["purpose": "employer_profile", "action": "withdrawn"])
            #expect(!(try await consents.isActive(.employerProfile, for: participantID)))

            // A case worker of the same unit opens the record; the participant sees it.
            let participant = try #require(try await Participant.find(participantID, on: app.db))
            let unit = try #require(try await OrganisationUnit.find(participant.$unit.id, on: app.db))
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let workerBrowser = Browser(app)
            try await workerBrowser.signIn(worker.email)
            #expect(try await workerBrowser.get("/participants/\(participantID)").status == .ok)

            let myData = try await browser.get("/portal/my-data")
            #expect(myData.status == .ok)
            #expect(myData.body.string.contains(worker.displayName))
            #expect(myData.body.string.contains("Visade"))
            let json = try await browser.get("/portal/my-data.json")
            #expect(json.headers.contentType == .json)
            #expect(json.body.string.contains("\"consent_events\""))
        }
    }

    @Test("my data: only a decision the person made says 'you'; one entered without an account says the job centre")
    func myDataNamesWhoRecordedConsent() async throws {
        try await withPraktikApp { app in
            let (browser, user) = try await Fixtures.signedIn(app, as: .participant)
            let participantID = try #require(user.$participant.id)
            // Given on paper and entered without an account (as an import or the system does).
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: "post_exit_follow_up", channel: .paper, participantID: participantID, by: Fixtures.adminActor)
            try await browser.get("/portal")
            try await browser.post("/portal/consents", form: ["purpose": "employer_profile", "action": "given"])

            let page = try await browser.get("/portal/my-data").body.string
            let recordedBy = "<dt>Registrerat av</dt><dd>"
            #expect(page.components(separatedBy: recordedBy + "Jobbcentret</dd>").count - 1 == 1)
            #expect(page.components(separatedBy: recordedBy + "Du själv</dd>").count - 1 == 1)
            #expect(!page.contains(recordedBy + user.displayName))
        }
    }
}
