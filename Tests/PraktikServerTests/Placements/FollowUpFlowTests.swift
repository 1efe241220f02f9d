import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Follow-up forms by link")
struct FollowUpFlowTests {
    /// A decided placement (1 Dec – 31 Mar) with an agreement naming a supervisor, for a participant with an e-mail address.
    func placement(_ app: Application, email: String = "leyla@example.se") async throws -> (Fixtures.PlacementSetup, Placement) {
        let setup = try await Fixtures.placementSetup(app, email: email)
        let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
        try await Fixtures.placementService(app).saveAgreement(Fixtures.agreement, for: placement, by: Fixtures.caseWorkerActor)
        return (setup, placement)
    }

    func form(_ app: Application, _ placement: Placement, _ stage: FollowUpStage, _ respondent: FollowUpRespondent) async throws -> FollowUp
    {
        try #require(
            try await FollowUp.query(on: app.db).filter(\.$placement.$id == placement.requireID()).filter(\.$stage == stage.rawValue)
                .filter(\.$respondent == respondent.rawValue).first())
    }

    @Test("a form goes out on its day, is reminded after 3 and 10 days, and an answer stops the reminders")
    func remindersAndCancellation() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (_, placement) = try await placement(app)
            // Nothing before the day: the start form is due a week into the placement.
            try clock.move(to: "2026-12-07")
            _ = try await Fixtures.runJobs(app)
            #expect(try await Fixtures.mail(to: "leyla@example.se", app).filter { $0.bodyText.contains("/forms/") }.isEmpty)
            try clock.move(to: "2026-12-08")
            let ran = try await Fixtures.runJobs(app)
            #expect(ran.filter { $0 == FollowUpSendJob.kind }.count == 2, "the participant's and the supervisor's start forms")
            let participantForm = try await form(app, placement, .start, .participant)
            #expect(participantForm.sentAt != nil)
            #expect(participantForm.expiresOn == "2027-01-07")
            let reminders = try await OneOffJobRecord.query(on: app.db).filter(\.$kind == FollowUpReminderJob.kind)
                .filter(\.$status == "queued").count()
            #expect(reminders == 4, "two reminders for each of the two forms")

            // Day 3: the participant is reminded with a fresh link; the first link still works.
            try clock.move(to: "2026-12-11")
            _ = try await Fixtures.runJobs(app)
            let mails = try await Fixtures.mail(to: "leyla@example.se", app).filter { $0.bodyText.contains("/forms/") }
            #expect(mails.count == 2)
            let first = try #require(Fixtures.link(in: mails[0].bodyText, prefix: "forms"))
            let second = try #require(Fixtures.link(in: mails[1].bodyText, prefix: "forms"))
            #expect(first != second)
            #expect(try await form(app, placement, .start, .participant).remindersSent == 1)

            // The participant answers by the first link: the second reminder is cancelled, both links die.
            let browser = Browser(app)
            let opened = try await browser.get(first)
            #expect(opened.status == .ok)
            // The heading says what the form is, not only the stage ("Start").
            #expect(opened.body.string.contains("<h1>Uppföljning vid start av praktiken</h1>"))
            let answered = try await browser.post(first, form: ["understand_tasks": "4", "welcomed": "5", "knows_supervisor": "yes"])
            #expect(answered.status == .ok)
            #expect(answered.body.string.contains("Tack"))
            try clock.move(to: "2026-12-18")
            _ = try await Fixtures.runJobs(app)
            #expect(try await Fixtures.mail(to: "leyla@example.se", app).filter { $0.bodyText.contains("/forms/") }.count == 2)
            #expect(try await form(app, placement, .start, .participant).remindersSent == 1)
            // The supervisor, who did not answer, got both reminders.
            #expect(try await form(app, placement, .start, .supervisor).remindersSent == 2)
            let reopened = try await browser.get(second)
            #expect(reopened.status == .ok)
            #expect(reopened.body.string.contains("redan besvarat"))
        }
    }

    @Test(
        "a form posted with a missing or out-of-range answer keeps the other answers and marks the field; answering twice is refused politely"
    )
    func validationAndTwice() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (_, placement) = try await placement(app)
            let form = try await form(app, placement, .start, .participant)
            #expect(try await Fixtures.followUpService(app).send(form))
            let link = try #require(
                Fixtures.link(in: try await Fixtures.mail(to: "leyla@example.se", app).last?.bodyText ?? "", prefix: "forms"))
            let browser = Browser(app)
            try await browser.get(link)
            let bad = try await browser.post(link, form: ["understand_tasks": "9", "welcomed": "5"])
            #expect(bad.status == .badRequest)
            let html = bad.body.string
            #expect(html.contains(#"id="welcomed-5" name="welcomed" value="5" checked"#), "the good answer is kept")
            #expect(html.contains(#"id="understand_tasks-error""#))
            #expect(html.contains(#"id="knows_supervisor-error""#))
            #expect(try await FollowUpAnswerRecord.query(on: app.db).count() == 0, "nothing is stored")
            let good = try await browser.post(link, form: ["understand_tasks": "3", "welcomed": "5", "knows_supervisor": "no"])
            #expect(good.status == .ok)
            #expect(try await FollowUpAnswerRecord.query(on: app.db).count() == 3)
            // The same form again, from a second tab: refused politely, nothing changes.
            let again = try await browser.post(link, form: ["understand_tasks": "1", "welcomed": "1", "knows_supervisor": "yes"])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("redan besvarat"))
            #expect(try await FollowUpAnswerRecord.query(on: app.db).filter(\.$questionKey == "understand_tasks").first()?.value == "3")
            await #expect(throws: FollowUpService.Refusal.alreadyAnswered) {
                try await Fixtures.followUpService(app).answer(
                    try await self.form(app, placement, .start, .participant),
                    values: ["understand_tasks": "1", "welcomed": "1", "knows_supervisor": "yes"],
                    via: .caseWorker, onBehalf: true, by: Fixtures.caseWorkerActor)
            }
        }
    }

    @Test("a link of a cancelled placement shows a friendly page and writes nothing")
    func cancelledPlacement() async throws {
        try await withPraktikApp { app in
            let (_, placement) = try await placement(app)
            let form = try await form(app, placement, .start, .participant)
            #expect(try await Fixtures.followUpService(app).send(form))
            let link = try #require(
                Fixtures.link(in: try await Fixtures.mail(to: "leyla@example.se", app).last?.bodyText ?? "", prefix: "forms"))
            try await Fixtures.placementService(app).perform(
                .init(action: .cancel, date: try Fixtures.date("2026-11-18"), reason: PlacementCancelReason.employerWithdrew.rawValue),
                on: placement, by: Fixtures.caseWorkerActor)
            let browser = Browser(app)
            let page = try await browser.get(link)
            #expect(page.status == .gone)
            #expect(page.body.string.contains("Länken fungerar inte längre"))
            let post = try await browser.post(link, form: ["understand_tasks": "4", "welcomed": "5", "knows_supervisor": "yes"])
            #expect(post.status == .gone)
            #expect(try await FollowUpAnswerRecord.query(on: app.db).count() == 0)
            #expect(
                try await OneOffJobRecord.query(on: app.db).filter(\.$status == "queued").filter(
                    \.$kind ~~ [FollowUpSendJob.kind, FollowUpReminderJob.kind]
                ).count() == 0)
        }
    }

    @Test("answers keep their template version after the admin edits the template")
    func templateVersions() async throws {
        try await withPraktikApp { app in
            let (setup, placement) = try await placement(app)
            let form = try await form(app, placement, .start, .participant)
            #expect(try await Fixtures.followUpService(app).send(form))
            let sentVersion = try #require(try await FollowUpTemplateVersion.find(form.$templateVersion.id, on: app.db))
            #expect(sentVersion.version == 1)

            // The admin rewords a question and adds one: version 2.
            let templates = FollowUpTemplateService(database: app.db, clock: app.clock)
            let template = try #require(try await templates.templates().first { $0.stage == "start" && $0.respondent == "participant" })
            var content = try sentVersion.content()
            content.questions[0].text["sv"] = "Vet du vad du ska göra?"
            content.questions.append(
                .init(
                    key: "travel", kind: .yesNo, required: true,
                    text: ["sv": "Hittar du dit?", "en": "Can you get there?", "da": "Kan du finde derhen?"]))
            #expect(try await templates.save(content, for: template, by: Fixtures.caseWorkerActor) == 2)
            // Saving the same content again adds nothing.
            #expect(try await templates.save(content, for: template, by: Fixtures.caseWorkerActor) == 2)

            // The form already sent is answered against version 1: no "travel" question required.
            try await Fixtures.followUpService(app).answer(
                form, values: ["understand_tasks": "4", "welcomed": "4", "knows_supervisor": "yes"], via: .link, onBehalf: false,
                by: Fixtures.caseWorkerActor)
            let stored = try #require(try await FollowUp.find(form.id, on: app.db))
            #expect(stored.$templateVersion.id == sentVersion.id)
            // A placement decided now gets version 2.
            let other = try await Fixtures.participant(app, unit: setup.unit, email: "omar@example.se")
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: "programme_partners", channel: .paper, participantID: try other.requireID(), by: Fixtures.adminActor)
            let place = try await Fixtures.place(
                app, at: setup.workplace, unit: setup.unit, title: "Butikssäljare", start: "2026-12-01", end: "2027-06-30")
            let second = try await Fixtures.decide(
                app,
                PlacementDecisionService.Input(
                    participantID: try other.requireID(), placeID: try place.requireID(), programme: "arbetspraktik",
                    start: try Fixtures.date("2026-12-01"), end: nil, basis: .direct(justification: "x"), purpose: nil, language: nil,
                    note: nil))
            let newForm = try await self.form(app, second, .start, .participant)
            #expect(try await FollowUpTemplateVersion.find(newForm.$templateVersion.id, on: app.db)?.version == 2)
            // An edit that drops a translation is refused with the question named.
            content.questions[1].text["da"] = ""
            await #expect(throws: FollowUpTemplateService.Problems.self) {
                try await templates.save(content, for: template, by: Fixtures.caseWorkerActor)
            }
        }
    }

    @Test("the end forms fill 'did it lead to a job with you?' and the kind of employment")
    func endFormMeanings() async throws {
        try await withPraktikApp { app in
            let (_, placement) = try await placement(app)
            let supervisor = try await form(app, placement, .end, .supervisor)
            try await Fixtures.followUpService(app).answer(
                supervisor, values: ["completed": "yes", "employment_offered": "hourly", "learned": "4", "again": "yes"],
                via: .employerPortal,
                onBehalf: false, by: Fixtures.caseWorkerActor)
            let updated = try #require(try await Placement.find(placement.id, on: app.db))
            #expect(updated.hiredByHost == true)
            #expect(updated.employmentKind == EmploymentKind.hourly.rawValue)
            let answers = try await FollowUpAnswerRecord.query(on: app.db).filter(
                \.$meaning == FollowUpMeaning.learnedAgainstPurpose.rawValue
            ).all()
            #expect(answers.map(\.number) == [4])
        }
    }
}
