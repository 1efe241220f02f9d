import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Interviews (issue 12): the employer proposes times to a listed candidate, the candidate confirms
/// one by a mailed link, the employer records the outcome after the time. And the `employer_requests`
/// rows that publishing writes and the employer's first action answers (the misuse signal).
@Suite("Interviews")
struct InterviewTests {
    /// A wall-clock time `days` days from the app clock's today, at `hour`:00.
    static func time(_ app: Application, days: Int, hour: Int = 10) throws -> String {
        let now = try service(app).localNow()
        let date = try #require(now.date.adding(days: days))
        return try #require(InterviewTime(date: date, hour: hour, minute: 0)).description
    }

    static func service(_ app: Application) -> InterviewService {
        InterviewService(database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test")
    }

    /// The contact proposes `times` to `applicationID` through the portal.
    static func propose(
        _ published: OfferTests.Published, _ applicationID: UUID, times: [String], note: String = "", as contact: Browser? = nil
    ) async throws -> TestingHTTPResponse {
        let browser = contact ?? published.contact
        try await browser.get(SiteURL.employerPortalShortlists.path)
        var form = ["applicationID": applicationID.uuidString, "note": note]
        for (index, time) in times.enumerated() { form["time\(index + 1)"] = time }
        return try await browser.post(SiteURL.employerPortalShortlistInterviews(try published.place.requireID()).path, form: form)
    }

    static func interviewLink(_ app: Application, _ applicationID: UUID) async throws -> String {
        let application = try #require(try await IntakeApplication.find(applicationID, on: app.db))
        let participant = try #require(try await Participant.find(application.$participant.id, on: app.db))
        let mail = try await Fixtures.mail(to: try #require(participant.email), app)
        return try #require(mail.compactMap { Fixtures.link(in: $0.bodyText, prefix: "interviews") }.last)
    }

    /// The place's contact signs in again (days later, when the session has lapsed).
    static func signInAgain(_ published: OfferTests.Published, _ app: Application) async throws -> TestingHTTPResponse {
        let link = try #require(
            try await WorkplaceContact.query(on: app.db).filter(\.$workplace.$id == published.place.$workplace.id).first())
        return try await published.contact.signIn(try #require(try await User.find(link.$user.id, on: app.db)?.email))
    }

    static func text(_ app: Application, _ key: String) -> String {
        app.translations.text(for: key, in: .swedish)
    }

    @Test("propose, mail, confirm by link, record the outcome after the time: every step shown to the employer")
    func wholeFlow() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            let times = [try Self.time(app, days: 2), try Self.time(app, days: 3, hour: 14)]
            let proposed = try await Self.propose(published, chosen, times: times, note: "Reception, ask for Eva")
            #expect(proposed.status == .seeOther, "\(proposed.body.string.suffix(2000))")
            let interview = try #require(try await Interview.query(on: app.db).filter(\.$applicationID == chosen).first())
            #expect(interview.interviewStatus == .proposed)
            #expect(interview.time1 == times[0] && interview.time2 == times[1] && interview.time3 == nil)
            #expect(interview.tokenDigest != nil)
            var portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(Self.text(app, "interview-status.proposed")))

            // The candidate's page: the place, the employer's note, the times, "none suits me".
            let link = try await Self.interviewLink(app, chosen)
            let browser = Browser(app)
            let page = try await browser.get(link)
            #expect(page.status == .ok)
            #expect(page.body.string.contains(published.place.title))
            #expect(page.body.string.contains("Reception, ask for Eva"))
            #expect(page.body.string.contains("name=\"choice\" value=\"2\""))
            #expect(page.body.string.contains("name=\"choice\" value=\"none\""))
            let confirmed = try await browser.post(link, form: ["choice": "2"])
            #expect(confirmed.status == .ok, "\(confirmed.body.string.prefix(500))")
            #expect(confirmed.body.string.contains("14:00"))
            // The confirmation names whom the candidate is meeting, as the offer page does.
            let employer = try #require(try await Employer.find(published.place.$employer.id, on: app.db))
            #expect(confirmed.body.string.contains(employer.name))
            let stored = try #require(try await Interview.find(interview.id, on: app.db))
            #expect(stored.interviewStatus == .confirmed)
            #expect(stored.chosenTime == times[1])
            #expect(stored.answeredAt != nil)

            // The case worker's review page shows it too.
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: published.setup.unit)
            let staff = Browser(app)
            #expect(try await staff.signIn(worker.email).status == .seeOther)
            let review = try await staff.get(SiteURL.matchingRun(published.run.id).path)
            #expect(review.status == .ok)
            #expect(review.body.string.contains(Self.text(app, "interview-status.confirmed") + " · "))

            // Before the time: shown as confirmed, no outcome yet.
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(Self.text(app, "interview-status.confirmed")))
            #expect(portal.contains("14:00"))
            let outcomePath = SiteURL.employerPortalInterviewOutcome(interview.id).path
            #expect(!portal.contains(outcomePath))
            #expect(try await published.contact.post(outcomePath, form: ["outcome": "suitable"]).status == .conflict)

            // After the time: the outcome is recorded once.
            clock.advance(by: 4 * 86_400)
            // Days later: the contact signs in again.
            #expect(try await Self.signInAgain(published, app).status == .seeOther)
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(outcomePath))
            let recorded = try await published.contact.post(outcomePath, form: ["outcome": "suitable"])
            #expect(recorded.status == .seeOther, "\(recorded.body.string.suffix(1500))")
            let held = try #require(try await Interview.find(interview.id, on: app.db))
            #expect(held.interviewStatus == .held)
            #expect(held.outcome == InterviewOutcome.suitable.rawValue)
            #expect(try await published.contact.post(outcomePath, form: ["outcome": "no_show"]).status == .conflict)
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(Self.text(app, "interview-outcome.suitable")))

            // Every step is audited on the application.
            let details = try await AuditEvent.query(on: app.db).all()
                .filter { $0.recordID?.lowercased() == chosen.uuidString.lowercased() }.compactMap(\.detail)
            #expect(details.contains { $0.hasPrefix("interview proposed") })
            #expect(details.contains { $0.hasPrefix("interview confirmed") })
            #expect(details.contains { $0.hasPrefix("interview suitable") })
            #expect(details.contains("interview"))
        }
    }

    @Test("a tampered link is 410, an answered one refuses a second answer with 409: nothing written")
    func tamperedAndUsed() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            #expect(try await Self.propose(published, chosen, times: [try Self.time(app, days: 2)]).status == .seeOther)
            let link = try await Self.interviewLink(app, chosen)
            let audits = try await Fixtures.auditCount(app)
            for bad in [
                link + "x", "/interviews/" + String(repeating: "a", count: 43), "/interviews/" + String(repeating: "b", count: 500),
            ] {
                let browser = Browser(app)
                #expect(try await browser.get(bad).status == .gone, "\(bad)")
                let page = try await browser.post(bad, form: ["choice": "1"])
                #expect(page.status == .gone, "\(bad) gave \(page.status)")
                #expect(page.body.string.contains(Self.text(app, "link.invalid.title")))
            }
            #expect(try await Fixtures.auditCount(app) == audits)
            #expect(try await Interview.query(on: app.db).first()?.interviewStatus == .proposed)

            let browser = Browser(app)
            try await browser.get(link)
            let declined = try await browser.post(link, form: ["choice": "none"])
            #expect(declined.status == .ok)
            #expect(declined.body.string.contains(Self.text(app, "interview.declined.title")))
            let afterDecline = try await Fixtures.auditCount(app)
            let again = try await browser.post(link, form: ["choice": "1"])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains(Self.text(app, "interview.refusal.answered")))
            #expect(try await Fixtures.auditCount(app) == afterDecline)
            let interview = try #require(try await Interview.query(on: app.db).first())
            #expect(interview.interviewStatus == .declined)
            #expect(interview.chosenTime == nil)
            // Declined: the employer may propose again.
            #expect(try await Self.propose(published, chosen, times: [try Self.time(app, days: 5)]).status == .seeOther)
            #expect(try await Self.propose(published, chosen, times: [try Self.time(app, days: 6)]).status == .conflict)
        }
    }

    @Test("times in the past, too far, unreadable or missing are refused with a field error, nothing stored")
    func badTimes() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            let cases: [([String], String)] = [
                ([try Self.time(app, days: -1)], "selection.interview.time.past"),
                ([try Self.time(app, days: 2), try Self.time(app, days: 61)], "selection.interview.time.too-far"),
                (["next tuesday"], "selection.interview.time.invalid"),
                (["", ""], "selection.interview.time.required"),
                ([try Self.time(app, days: 2), try Self.time(app, days: 2)], "selection.interview.time.duplicate"),
            ]
            for (times, key) in cases {
                let response = try await Self.propose(published, chosen, times: times)
                #expect(response.status == .badRequest, "\(times)")
                #expect(response.body.string.contains(Self.text(app, key)), "\(times) should say \(key)")
                #expect(response.body.string.contains("field-error"))
            }
            #expect(try await Interview.query(on: app.db).count() == 0)
            #expect(try await OutboxMessage.query(on: app.db).all().allSatisfy { !$0.bodyText.contains("/interviews/") })
        }
    }

    @Test("another employer's contact, an unlisted or made-up candidate: not found")
    func foreign() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let time = try Self.time(app, days: 2)
            let (stranger, _) = try await Fixtures.signedIn(app, as: .employerContact)
            #expect(try await Self.propose(published, published.listed[0], times: [time], as: stranger).status == .notFound)
            let other = try #require(published.setup.applications.compactMap(\.id).first { !published.listed.contains($0) })
            #expect(try await Self.propose(published, other, times: [time]).status == .notFound)
            #expect(try await Self.propose(published, UUID(), times: [time]).status == .notFound)
            #expect(try await Interview.query(on: app.db).count() == 0)
            // Nor can the stranger record an outcome on this employer's interview.
            #expect(try await Self.propose(published, published.listed[0], times: [time]).status == .seeOther)
            let interview = try #require(try await Interview.query(on: app.db).first())
            try await stranger.get(SiteURL.employerPortalShortlists.path)
            let outcome = try await stranger.post(
                SiteURL.employerPortalInterviewOutcome(interview.id).path, form: ["outcome": "no_show"])
            #expect(outcome.status == .notFound)
        }
    }

    @Test("a candidate who withdrew sharing with employers cannot be invited")
    func withdrawnConsent() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            try await ConsentService(database: app.db, clock: app.clock).record(
                .withdrawn, purpose: BuiltInConsentPurpose.employerProfile.rawValue, channel: .paper,
                participantID: application.$participant.id, by: Fixtures.adminActor)
            #expect(try await Self.propose(published, chosen, times: [try Self.time(app, days: 2)]).status == .notFound)
            #expect(try await Interview.query(on: app.db).count() == 0)
        }
    }

    @Test("erasure cancels a waiting interview and kills its link")
    func erasure() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            #expect(try await Self.propose(published, chosen, times: [try Self.time(app, days: 2)]).status == .seeOther)
            let link = try await Self.interviewLink(app, chosen)
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            let participant = try #require(try await Participant.find(application.$participant.id, on: app.db))
            try await ErasureService(database: app.db, clock: app.clock).erase(participant, by: Fixtures.adminActor)
            let interview = try #require(try await Interview.query(on: app.db).first())
            #expect(interview.interviewStatus == .cancelled)
            #expect(interview.tokenDigest == nil)
            #expect(try await Browser(app).get(link).status == .gone)
            let audits = try await Fixtures.auditCount(app)
            let late = try await Browser(app).post(link, form: ["choice": "1"])
            #expect(late.status == .gone)
            #expect(try await Fixtures.auditCount(app) == audits)
            #expect(try await Interview.query(on: app.db).first()?.interviewStatus == .cancelled)
        }
    }
    @Test("the employer cancels a waiting or confirmed interview: the candidate is told, the link says so, new times may follow")
    func cancelByEmployer() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            #expect(try await Self.propose(published, chosen, times: [try Self.time(app, days: 2)]).status == .seeOther)
            let link = try await Self.interviewLink(app, chosen)
            let interview = try #require(try await Interview.query(on: app.db).filter(\.$applicationID == chosen).first())
            let cancelPath = SiteURL.employerPortalInterviewCancel(interview.id).path
            var portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains("action=\"\(cancelPath)\""))
            #expect(portal.contains(Self.text(app, "selection.interview.cancel.confirm")))

            // Another employer's contact, a made-up id, and no CSRF token change nothing.
            let (stranger, _) = try await Fixtures.signedIn(app, as: .employerContact)
            try await stranger.get(SiteURL.employerPortalShortlists.path)
            #expect(try await stranger.post(cancelPath, form: [:]).status == .notFound)
            #expect(
                try await published.contact.post(SiteURL.employerPortalInterviewCancel(UUID()).path, form: [:]).status == .notFound)
            let audits = try await Fixtures.auditCount(app)
            #expect(try await published.contact.post(cancelPath, form: [:], csrf: .none).status == .forbidden)
            #expect(try await Fixtures.auditCount(app) == audits)
            #expect(try await Interview.find(interview.id, on: app.db)?.interviewStatus == .proposed)

            let cancelled = try await published.contact.post(cancelPath, form: [:])
            #expect(cancelled.status == .seeOther, "\(cancelled.body.string.suffix(1500))")
            #expect(try await Interview.find(interview.id, on: app.db)?.interviewStatus == .cancelled)
            #expect(try await published.contact.post(cancelPath, form: [:]).status == .conflict)
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            let participant = try #require(try await Participant.find(application.$participant.id, on: app.db))
            let mail = try await Fixtures.mail(to: try #require(participant.email), app)
            #expect(
                mail.contains {
                    $0.subject == Self.text(app, "interview.mail.cancelled.subject") && $0.bodyText.contains(published.place.title)
                })
            let page = try await Browser(app).get(link)
            #expect(page.body.string.contains(Self.text(app, "interview.cancelled.title")))
            #expect(try await Browser(app).post(link, form: ["choice": "1"]).status != .ok)
            #expect(try await Interview.find(interview.id, on: app.db)?.interviewStatus == .cancelled)
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains(Self.text(app, "interview-status.cancelled")))
            #expect(!portal.contains("action=\"\(cancelPath)\""))

            // New times after a cancelled interview; confirmed, it may be cancelled until its time.
            #expect(try await Self.propose(published, chosen, times: [try Self.time(app, days: 2)]).status == .seeOther)
            let second = try #require(
                try await Interview.query(on: app.db).filter(\.$applicationID == chosen).filter(\.$status == "proposed").first())
            try await Self.service(app).confirm(second, index: 0, actor: .system("test"))
            let secondPath = SiteURL.employerPortalInterviewCancel(second.id).path
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(portal.contains("action=\"\(secondPath)\""))
            clock.advance(by: 3 * 86_400)
            #expect(try await Self.signInAgain(published, app).status == .seeOther)
            portal = try await published.contact.get(SiteURL.employerPortalShortlists.path).body.string
            #expect(!portal.contains("action=\"\(secondPath)\""))
            #expect(try await published.contact.post(secondPath, form: [:]).status == .conflict)
            #expect(try await Interview.find(second.id, on: app.db)?.interviewStatus == .confirmed)

            let details = try await AuditEvent.query(on: app.db).all()
                .filter { $0.recordID?.lowercased() == chosen.uuidString.lowercased() }.compactMap(\.detail)
            #expect(details.filter { $0.hasPrefix("interview cancelled") }.count == 1)
        }
    }
}
