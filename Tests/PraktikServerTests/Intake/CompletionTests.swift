import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Intake: completion requests")
struct CompletionTests {
    func pendingApplicant(_ app: Application) async throws -> (OrganisationUnit, Intake, IntakeApplication) {
        let (unit, intake) = try await Fixtures.openIntake(app)
        var form = Fixtures.applicationForm(email: "pending@example.se")
        form["permitKind"] = "pending"
        form["permitEnd"] = ""
        return (unit, intake, try await Fixtures.application(app, intake: intake, form: form))
    }

    @Test("the deadline must leave time to answer; the request suggests what the rules could not tell")
    func deadline() async throws {
        try await withPraktikApp { app in
            let (unit, _, application) = try await pendingApplicant(app)
            let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let page = "/applications/\(try application.requireID())"
            let shown = try await browser.get(page)
            #expect(shown.body.string.contains("id=\"item-permit\" name=\"items[]\" type=\"checkbox\" value=\"permit\" checked"))
            #expect(shown.body.string.contains("value=\"2026-12-02\""), "two weeks ahead by default")
            let soon = try await browser.post(
                page + "/completion-requests", form: ["items[]": "permit", "message": "Skicka beslutet.", "deadline": "2026-11-20"])
            #expect(soon.status == .badRequest)
            #expect(soon.body.string.contains("minst 3 dagar"))
            #expect(soon.body.string.contains("Skicka beslutet."), "the message typed is kept")
            #expect(try await CompletionRequest.query(on: app.db).count() == 0)
        }
    }

    @Test("a request goes out through the outbox, is reminded before the deadline and answered on the status page")
    func requestRemindAnswer() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            let (unit, intake, application) = try await pendingApplicant(app)
            let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let page = "/applications/\(try application.requireID())"
            try await browser.get(page)
            let sent = try await browser.post(
                page + "/completion-requests",
                form: ["items[]": "permit", "message": "Skicka en bild av ditt beslut om tillstånd.", "deadline": "2026-11-30"])
            #expect(sent.status == .seeOther)
            var stored = try #require(try await IntakeApplication.find(application.id, on: app.db))
            #expect(stored.status == "awaiting_completion")
            let request = try #require(try await CompletionRequest.query(on: app.db).first())
            #expect(request.deadline == "2026-11-30")
            let mail = try #require(capture.sent.last)
            #expect(mail.to == "pending@example.se")
            #expect(mail.body.contains("Skicka en bild av ditt beslut om tillstånd."))
            #expect(mail.body.contains("2026-11-30"))

            let jobs = JobQueue(database: app.db, clock: app.clock)
            let requestID = try request.requireID()
            let reminder = try #require(try await jobs.latest(CompletionReminderJob.self, key: CompletionReminderJob.key(requestID)))
            #expect(reminder.status == .queued)
            #expect(
                reminder.runAt == CompletionRequests.morning(of: try #require(CivilDate(iso8601: "2026-11-28"))),
                "two days before, in the morning")
            let expiry = try #require(try await jobs.latest(CompletionExpiryJob.self, key: CompletionExpiryJob.key(requestID)))
            #expect(expiry.runAt == CompletionRequests.morning(of: try #require(CivilDate(iso8601: "2026-12-01")), hour: 0))

            // Nothing is due yet; on the reminder day the background runner sends it, once.
            let runner = OneOffJobRunner(app: app, instance: "test")
            #expect(try await runner.runDueJobs().isEmpty)
            clock.advance(by: 10 * 86_400)
            #expect(try await runner.runDueJobs() == [CompletionReminderJob.kind])
            #expect(try await runner.runDueJobs().isEmpty)
            try await Fixtures.deliverMail(app)
            #expect(capture.sent.filter { $0.subject.contains("Påminnelse") }.count == 1)
            #expect(try await CompletionRequest.find(request.id, on: app.db)?.reminderSentAt != nil)

            let link = try #require(Fixtures.statusLink(in: capture, to: "pending@example.se"))
            let applicant = Browser(app)
            let status = try await applicant.get(link)
            #expect(status.body.string.contains("Skicka en bild av ditt beslut om tillstånd."))
            #expect(status.body.string.contains("name=\"permitKind\""))
            #expect(!status.body.string.contains("name=\"educationLevel\""), "only what was asked for")
            let bad = try await applicant.post(
                link + "/completion", form: ["permitKind": "temporary", "permitEnd": "nästa år", "answer": "Här är det."])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("Här är det."))
            let answered = try await applicant.post(
                link + "/completion", form: ["permitKind": "temporary", "permitEnd": "2028-06-30", "answer": "Beslutet kom i går."])
            #expect(answered.status == .seeOther)
            stored = try #require(try await IntakeApplication.find(application.id, on: app.db))
            #expect(stored.status == "submitted", "back in the queue")
            #expect(stored.colour == "green", "the rules ran again on the new answer")
            #expect(stored.permitEnd == "2028-06-30")
            let answeredRequest = try #require(try await CompletionRequest.find(request.id, on: app.db))
            #expect(answeredRequest.status == "answered")
            #expect(answeredRequest.answerText == "Beslutet kom i går.")
            #expect(
                try await EligibilityAssessment.query(on: app.db).filter(\.$application.$id == stored.requireID()).count() == 2,
                "the history is kept")
            // The answer cancels the expiry: the application is not sent back to the queue again.
            #expect(try await jobs.latest(CompletionExpiryJob.self, key: CompletionExpiryJob.key(requestID))?.status == .cancelled)
            clock.advance(by: 5 * 86_400)
            #expect(try await runner.runDueJobs().isEmpty)
            _ = intake
        }
    }

    @Test("an unanswered request expires after its deadline and the application goes back to the queue")
    func expiry() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (_, intake, application) = try await pendingApplicant(app)
            let messages = ApplicantMessages(
                database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test")
            let completions = CompletionRequests(database: app.db, clock: app.clock)
            let request = try await completions.request(
                .init(items: [.permit], message: "Skicka beslutet.", deadline: CivilDate(year: 2026, month: 11, day: 25)),
                for: application, in: intake, messages: messages, actor: Fixtures.adminActor)
            try await completions.expire(try request.requireID())
            #expect(try await CompletionRequest.find(request.id, on: app.db)?.status == "open", "not before the deadline")
            clock.advance(by: 8 * 86_400)
            #expect(try await OneOffJobRunner(app: app, instance: "test").runDueJobs().contains(CompletionExpiryJob.kind))
            #expect(try await CompletionRequest.find(request.id, on: app.db)?.status == "expired")
            #expect(try await IntakeApplication.find(application.id, on: app.db)?.status == "submitted")
        }
    }
}
