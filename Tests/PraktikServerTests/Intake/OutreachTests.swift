import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Intake: outreach")
struct OutreachTests {
    /// Five participants in the unit: three born outside Europe with a long degree (one without
    /// e-mail, with a postal address), one born in Sweden, one who left the programme.
    func people(_ app: Application, unit: OrganisationUnit) async throws -> [Participant] {
        var people: [Participant] = []
        for index in 0..<5 {
            let person = try await Fixtures.participant(
                app, unit: unit, firstName: "Person\(index)", gender: index % 2 == 0 ? .woman : .man)
            person.educationLevel = EducationLevel.postSecondaryLong.rawValue
            person.educationField = "Datavetenskap"
            switch index {
            case 2:
                person.email = nil
                person.postalAddress = "Rinkebysvängen 1, 163 74 Spånga"
            case 3: person.birthRegion = BirthRegion.sweden.rawValue
            case 4: person.status = ParticipantStatus.exited.rawValue
            default: break
            }
            try await person.save(on: app.db)
            people.append(person)
        }
        return people
    }

    @Test("a selection is counted, saved with its criteria, sent by e-mail and letter, and the applied among the invited are counted")
    func selection() async throws {
        try await withPraktikApp { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (unit, intake) = try await Fixtures.openIntake(app)
            let people = try await people(app, unit: unit)
            let elsewhere = try await Fixtures.unit(app, code: "ELSEWHERE")
            _ = try await Fixtures.participant(app, unit: elsewhere, firstName: "Outside")
            let scope = ParticipantScope(
                user: SignedInUser(
                    id: UUID(), email: "c@test.example", displayName: "C", role: .caseWorker, unitID: unit.id, language: .swedish))
            let service = OutreachService(database: app.db, clock: app.clock)
            let criteria = OutreachCriteria(birthRegions: [.outsideEurope], educationLevels: [.postSecondaryLong], educationField: "data")
            let intakeID = try intake.requireID()
            let count = try await service.count(criteria, intakeID: intakeID, scope: scope)
            #expect(
                count == .init(total: 3, email: 2, letter: 1, unreachable: 0, women: 2, men: 1),
                "the exited, the Swedish-born and another unit's are left out")
            var anyStatus = criteria
            anyStatus.status = nil
            #expect(try await service.count(anyStatus, intakeID: intakeID, scope: scope).total == 4)

            let selection = try await service.select(criteria, for: intake, scope: scope, actor: Fixtures.adminActor)
            #expect(selection.recipientCount == 3 && selection.emailCount == 2 && selection.letterCount == 1)
            #expect(
                try await service.count(criteria, intakeID: intakeID, scope: scope).total == 0, "nobody is selected twice for an intake")

            let remaining = try await service.sendBatch(
                of: try selection.requireID(), limit: 1, translations: app.translations, publicURL: "http://praktik.test")
            #expect(remaining == 1)
            _ = try await service.sendBatch(
                of: try selection.requireID(), limit: 10, translations: app.translations, publicURL: "http://praktik.test")
            try await Fixtures.deliverMail(app)
            #expect(capture.sent.count == 2)
            #expect(capture.sent.allSatisfy { $0.body.contains("/apply/\(intakeID.uuidString)") })
            let letters = try await service.letters(of: try selection.requireID())
            #expect(letters.map(\.participant.firstName) == ["Person2"])
            #expect(try await service.markLettersPosted(of: try selection.requireID(), actor: Fixtures.adminActor) == 1)

            // Person0 applies; the report counts one invited applicant of three invited.
            var form = Fixtures.applicationForm(email: "p0@example.se", firstName: "Person0")
            form["personNumber"] = (try? PersonIdentifier(storageValue: people[0].personIdentifier))?.formatted ?? ""
            _ = try await Fixtures.application(app, intake: intake, form: form)
            let report = try await service.report(intakeID: intakeID)
            #expect(report[try selection.requireID()]?.invited == 3)
            #expect(report[try selection.requireID()]?.applied == 1)
            let funnel = try await FunnelService(sql: try app.db.sql).funnel(of: intakeID)
            #expect(funnel.total(.invited) == 3)
            #expect(funnel.count(.invited, .woman) == 2)
        }
    }

    /// A batch reads the selection and then writes the outbox. Begun as SQLite's deferred
    /// transaction, it failed at once with "database is locked" whenever another connection wrote
    /// in between (a page view's audit record, the mail job), and the job waited half a minute for
    /// its retry. Another instance writes here without pause while every batch is sent.
    @Test("an outreach's batches are sent beside another writer without 'database is locked'")
    func sentBesideAnotherWriter() async throws {
        try await withTwoInstances { app, other in
            try await app.db.sql.raw("CREATE TABLE write_probe (n INTEGER NOT NULL)").run()
            let (unit, intake) = try await Fixtures.openIntake(app)
            for index in 0..<24 {
                try await Fixtures.participant(
                    app, unit: unit, firstName: "Invited\(index)",
                    personNumber: Fixtures.personNumber(year: 1991, month: 3, day: index + 1, serial: index),
                    email: "invited\(index)@example.se")
            }
            let scope = ParticipantScope(
                user: SignedInUser(
                    id: UUID(), email: "c@test.example", displayName: "C", role: .caseWorker, unitID: unit.id, language: .swedish))
            let service = OutreachService(database: app.db, clock: app.clock)
            let selection = try await service.select(OutreachCriteria(), for: intake, scope: scope, actor: Fixtures.adminActor)
            #expect(selection.emailCount == 24)
            let writer = Task {
                var written = 0
                while !Task.isCancelled {
                    try await other.db.sql.raw("INSERT INTO write_probe (n) VALUES (\(bind: written))").run()
                    written += 1
                }
                return written
            }

            // MUT: one invitation per batch, each batch its own transaction, beside the writer
            var remaining = Int.max
            var batches = 0
            do {
                while remaining > 0 {
                    remaining = try await service.sendBatch(
                        of: try selection.requireID(), limit: 1, translations: app.translations, publicURL: "http://praktik.test")
                    batches += 1
                }
            } catch {
                writer.cancel()
                throw error
            }
            writer.cancel()
            let written = try await writer.value

            // validate: every batch went through, and the other instance wrote meanwhile
            #expect(batches == 24)
            #expect(try await OutreachRecipient.query(on: app.db).filter(\.$sentAt != nil).count() == 24)
            #expect(try await OutboxMessage.query(on: app.db).count() == 24)
            #expect(written > 0)
        }
    }

    @Test("the outreach pages: count, save, letters audited; another unit's case worker finds nothing")
    func pages() async throws {
        try await withPraktikApp { app in
            let (unit, intake) = try await Fixtures.openIntake(app)
            _ = try await people(app, unit: unit)
            let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let base = "/intakes/\(try intake.requireID())/outreach"
            let page = try await browser.get(base)
            #expect(page.status == .ok)
            let counted = try await browser.post(
                base,
                form: [
                    "birthRegions[]": "outside_europe", "educationLevels[]": "post_secondary_long", "status": "active",
                    "notAlreadyApplied": "yes",
                    "action": "count",
                ])
            #expect(counted.body.string.contains("3 personer"))
            try await browser.get(base)
            let saved = try await browser.post(
                base,
                form: [
                    "birthRegions[]": "outside_europe", "educationLevels[]": "post_secondary_long", "status": "active",
                    "notAlreadyApplied": "yes",
                    "action": "select",
                ])
            #expect(saved.status == .seeOther)
            let selectionPath = try #require(saved.headers.first(name: .location))
            #expect(try await browser.get(selectionPath).body.string.contains("0 av 1 postade"))
            let before = try await AuditEvent.query(on: app.db).filter(\.$detail == "outreach letter").count()
            let letters = try await browser.get(selectionPath + "/letters")
            #expect(letters.body.string.contains("Rinkebysvängen 1"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$detail == "outreach letter").count() == before + 1)

            // Sending queues a background job that sends the e-mails in batches.
            try await browser.get(selectionPath)
            let send = try await browser.post(selectionPath + "/send")
            #expect(send.status == .seeOther)
            #expect(try await OneOffJobRunner(app: app, instance: "test").runDueJobs() == [OutreachSendJob.kind])
            let selection = try #require(try await OutreachSelection.query(on: app.db).first())
            #expect(selection.status == "sent")
            #expect(
                try await OutreachRecipient.query(on: app.db).filter(\.$sentAt != nil).count() == 2,
                "the e-mails; the letter is not posted yet")
            try await browser.get(selectionPath)
            #expect(try await browser.post(selectionPath + "/send").status == .conflict, "a selection is sent once")

            let other = try await Fixtures.user(app, role: .caseWorker, unit: try await Fixtures.unit(app, code: "OTHER2"))
            let stranger = Browser(app)
            try await stranger.signIn(other.email)
            #expect(try await stranger.get(selectionPath).status == .notFound)
            #expect(try await stranger.get(selectionPath + "/letters").status == .notFound)
        }
    }
}
