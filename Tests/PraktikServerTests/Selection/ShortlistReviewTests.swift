import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Reviewing and publishing a run's shortlists (issue 12): each place's candidates with the score's
/// explanation, changes with a reason (recorded and audited), publication that tells the employer
/// contacts in their language and is never silent about replacing an earlier one.
@Suite("Shortlist review and publication")
struct ShortlistReviewTests {
    struct Reviewed {
        let setup: MatchingRunTests.Setup
        let run: MatchingRun
        let browser: Browser
        let path: String
    }

    static func reviewed(_ app: Application, employers: Int = 600) async throws -> Reviewed {
        let setup = try await MatchingRunTests.setup(app, applicants: 6, places: 3, employers: employers)
        let run = try await MatchingRunTests.run(app, setup, k: 2, b: 2)
        let worker = try await Fixtures.user(app, role: .caseWorker, unit: setup.unit)
        let browser = Browser(app)
        _ = try await browser.signIn(worker.email)
        return Reviewed(setup: setup, run: run, browser: browser, path: SiteURL.matchingRun(try run.requireID()).path)
    }

    struct Row: Decodable {
        let id: UUID
        let application_id: UUID
        let place_id: UUID
        let removed_reason: String?
        let added_reason: String?
    }

    static func rows(_ app: Application, _ run: MatchingRun) async throws -> [Row] {
        try await app.db.sql.raw(
            """
            SELECT id, application_id, place_id, removed_reason, added_reason FROM matching_proposals
            WHERE run_id = \(bind: try run.requireID()) ORDER BY id
            """
        ).all(decoding: Row.self)
    }

    @Test("each place's list shows its candidates with the explanation in words; removal and addition need a reason and are audited")
    func reviewAndChange() async throws {
        try await withPraktikApp { app in
            let reviewed = try await Self.reviewed(app)
            let page = try await reviewed.browser.get(reviewed.path)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("poäng"))
            #expect(html.contains("Sökande"))
            #expect(!html.contains("computer_science"))
            #expect(!html.contains("sameMunicipality"))
            // Each reason field is named for assistive technology by aria-label: the axe of the
            // browser tests takes a visually hidden <label> for a hidden one.
            let reasonInputs = html.matches(of: try Regex(#"<input[^>]*name="reason"[^>]*>"#)).map { String(html[$0.range]) }
            #expect(!reasonInputs.isEmpty)
            #expect(reasonInputs.allSatisfy { $0.contains("aria-label=\"Skäl att ta bort ") }, "\(reasonInputs.prefix(1))")
            // ...and each by its own candidate and place, not all as the same "Skäl".
            let labels = reasonInputs.compactMap { $0.firstMatch(of: #/aria-label="([^"]*)"/#).map { String($0.1) } }
            #expect(Set(labels).count == labels.count, "\(labels.prefix(3))")

            let rows = try await Self.rows(app, reviewed.run)
            let first = try #require(rows.first)
            let missing = try await reviewed.browser.post(
                reviewed.path + "/remove", form: ["proposal": first.id.uuidString, "reason": " "])
            #expect(missing.status == .badRequest)
            let audits = try await Fixtures.auditCount(app)
            _ = try await reviewed.browser.get(reviewed.path)
            let removed = try await reviewed.browser.post(
                reviewed.path + "/remove", form: ["proposal": first.id.uuidString, "reason": "Har tackat nej i telefon"])
            #expect(removed.status == .seeOther)
            #expect(try await Self.rows(app, reviewed.run).first { $0.id == first.id }?.removed_reason == "Har tackat nej i telefon")
            #expect(try await Fixtures.auditCount(app) == audits + 1)
            _ = try await reviewed.browser.get(reviewed.path)
            let again = try await reviewed.browser.post(
                reviewed.path + "/remove", form: ["proposal": first.id.uuidString, "reason": "igen"])
            #expect(again.status == .notFound)

            // The removed candidate can be added back by hand, with a reason; the page offers them.
            let addPath = SiteURL.matchingRunAdd(try reviewed.run.requireID()).path
            let form = try await reviewed.browser.get(addPath + "?place=\(first.place_id.uuidString)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains(first.application_id.uuidString))
            let added = try await reviewed.browser.post(
                addPath,
                form: ["place": first.place_id.uuidString, "candidate": first.application_id.uuidString, "reason": "Ringde tillbaka"])
            #expect(added.status == .seeOther)
            let back = try #require(try await Self.rows(app, reviewed.run).first { $0.id == first.id })
            #expect(back.removed_reason == nil)
            #expect(back.added_reason == "Ringde tillbaka")
            #expect(try await Fixtures.auditCount(app) == audits + 2)
        }
    }

    @Test("publishing tells each contact in their language once; a published run is not changed; a second run must say it replaces it")
    func publish() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let reviewed = try await Self.reviewed(app)
            let rows = try await Self.rows(app, reviewed.run)
            let placeID = try #require(rows.first?.place_id)
            let place = try #require(try await Place.find(placeID, on: app.db))
            let workplace = try #require(try await Workplace.find(place.$workplace.id, on: app.db))
            let (_, contact) = try await Fixtures.contact(app, of: [workplace])
            contact.language = AppLanguage.danish.rawValue
            try await contact.save(on: app.db)

            _ = try await reviewed.browser.get(reviewed.path)
            let published = try await reviewed.browser.post(reviewed.path + "/publish")
            #expect(published.status == .seeOther)
            let mail = try await Fixtures.mail(to: contact.email, app)
            #expect(mail.count == 1)
            #expect(mail.first?.subject == "Kandidater til jeres praktikpladser")
            #expect(mail.first?.bodyText.contains(place.title) == true)
            #expect(try await MatchingRun.find(reviewed.run.id, on: app.db)?.publishedAt != nil)

            _ = try await reviewed.browser.get(reviewed.path)
            #expect(try await reviewed.browser.post(reviewed.path + "/publish").status == .conflict)
            #expect(try await Fixtures.mail(to: contact.email, app).count == 1)
            _ = try await reviewed.browser.get(reviewed.path)
            let locked = try await reviewed.browser.post(
                reviewed.path + "/remove", form: ["proposal": rows[0].id.uuidString, "reason": "för sent"])
            #expect(locked.status == .conflict)

            clock.advance(by: 60)
            let second = try await MatchingRunTests.run(app, reviewed.setup, mode: .assign)
            let secondPath = SiteURL.matchingRun(try second.requireID()).path
            _ = try await reviewed.browser.get(secondPath)
            let unconfirmed = try await reviewed.browser.post(secondPath + "/publish")
            #expect(unconfirmed.status == .conflict)
            #expect(try await MatchingRun.find(second.id, on: app.db)?.publishedAt == nil)
            _ = try await reviewed.browser.get(secondPath)
            #expect(try await reviewed.browser.post(secondPath + "/publish", form: ["replace": "yes"]).status == .seeOther)
            #expect(
                try await ShortlistReview(database: app.db, clock: app.clock).publishedRun(of: reviewed.setup.intake.requireID())?.id
                    == second.id)
        }
    }

    @Test("a case worker of another unit finds no such run")
    func scope() async throws {
        try await withPraktikApp { app in
            let reviewed = try await Self.reviewed(app)
            let other = try await Fixtures.unit(app, code: "JT-ELSE")
            let stranger = try await Fixtures.user(app, role: .caseWorker, unit: other)
            let browser = Browser(app)
            _ = try await browser.signIn(stranger.email)
            #expect(try await browser.get(reviewed.path).status == .notFound)
            _ = try await browser.get("/account")
            #expect(try await browser.post(reviewed.path + "/publish").status == .notFound)
            #expect(try await MatchingRun.find(reviewed.run.id, on: app.db)?.publishedAt == nil)
        }
    }
}
