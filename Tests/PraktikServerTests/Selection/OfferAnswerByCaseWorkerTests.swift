import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// A candidate without e-mail gets no offer link; their case worker records the answer given on the
/// phone or at a meeting, on the application's page.
@Suite("Offers answered through the case worker")
struct OfferAnswerByCaseWorkerTests {
    @Test("no e-mail, no link: the case worker records the acceptance, a seat is taken; refusals are clear")
    func recordedAcceptance() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            // The candidate has no e-mail address.
            try await app.db.sql.raw("UPDATE applications SET email = NULL WHERE id = \(bind: chosen)").run()
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            try await app.db.sql.raw("UPDATE participants SET email = NULL WHERE id = \(bind: application.$participant.id)").run()
            #expect(try await OfferTests.select(published, chosen).status == .seeOther)
            let offer = try #require(try await Offer.query(on: app.db).filter(\.$applicationID == chosen).first())
            let offerID = try offer.requireID()

            let user = try await Fixtures.user(app, role: .caseWorker, unit: published.setup.unit)
            let worker = Browser(app)
            #expect(try await worker.signIn(user.email).status == .seeOther)
            let path = SiteURL.application(chosen).path
            let page = try await worker.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains(app.translations.text(for: "application.offer.no-email", in: .swedish)))
            #expect(page.body.string.contains(published.place.title))

            // Both the answer and how it was given are needed.
            let action = SiteURL.applicationOfferAnswer(chosen).path
            let missing = try await worker.post(action, form: ["offer": offerID.uuidString, "answer": "accept", "how": " "])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains(app.translations.text(for: "application.offer.how-required", in: .swedish)))
            #expect(try await Offer.find(offerID, on: app.db)?.offerStatus == .offered)
            // Another application's id with this offer is "not found".
            let other = published.listed[1]
            try await worker.get(SiteURL.application(other).path)
            #expect(
                try await worker.post(
                    SiteURL.applicationOfferAnswer(other).path,
                    form: ["offer": offerID.uuidString, "answer": "accept", "how": "I telefon"]
                ).status == .notFound)

            try await worker.get(path)
            let saved = try await worker.post(
                action, form: ["offer": offerID.uuidString, "answer": "accept", "how": "I telefon 18 november"])
            #expect(saved.status == .seeOther)
            #expect(try await Offer.find(offerID, on: app.db)?.offerStatus == .accepted)
            let placement = try #require(
                try await Placement.query(on: app.db).filter(\.$participant.$id == application.$participant.id).first())
            #expect(placement.status == PlacementStatus.planned.rawValue && placement.decidedAt == nil)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$recordID == chosen.uuidString).all().map(\.detail)
            #expect(audit.contains { $0?.contains("offer answer taken by case worker: accepted how=I telefon 18 november") == true })

            // Answered once: a second answer is a clear refusal, not a second seat.
            try await worker.get(path)
            let again = try await worker.post(action, form: ["offer": offerID.uuidString, "answer": "decline", "how": "Ändrade sig"])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains(app.translations.text(for: OfferService.Refusal.answered.rawValue, in: .swedish)))

            // Another unit's case worker finds no such application; an employer contact may not post here.
            let otherUnit = try await Fixtures.unit(app, code: "OTHER-OFFER")
            let strangerUser = try await Fixtures.user(app, role: .caseWorker, unit: otherUnit)
            let stranger = Browser(app)
            #expect(try await stranger.signIn(strangerUser.email).status == .seeOther)
            try await stranger.get("/worklist")
            #expect(
                try await stranger.post(action, form: ["offer": offerID.uuidString, "answer": "decline", "how": "x"]).status == .notFound)
            try await published.contact.get(SiteURL.employerPortalShortlists.path)
            #expect(
                try await published.contact.post(action, form: ["offer": offerID.uuidString, "answer": "decline", "how": "x"]).status
                    == .forbidden)
        }
    }
}
