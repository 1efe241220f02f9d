import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// The employer's view of a published shortlist (issue 12): only what each candidate agreed to share,
/// never a candidate without that consent, every candidate shown audited.
@Suite("Employer's view of shortlists")
struct EmployerShortlistTests {
    @Test("a contact sees only shared fields of consenting candidates, only when published, and each view is audited")
    func sharedFieldsOnly() async throws {
        try await withPraktikApp { app in
            let setup = try await MatchingRunTests.setup(app, applicants: 6, places: 3, employers: 700)
            let run = try await MatchingRunTests.run(app, setup, k: 3, b: 3)
            struct Row: Decodable {
                let place_id: UUID
                let application_id: UUID
                let participant_id: UUID
            }
            let rows = try await app.db.sql.raw(
                "SELECT place_id, application_id, participant_id FROM matching_proposals WHERE run_id = \(bind: try run.requireID())"
            ).all(decoding: Row.self)
            // The place with the longest list, and its workplace's contact.
            let placeID = try #require(Dictionary(grouping: rows, by: \.place_id).max { $0.value.count < $1.value.count }?.key)
            let listed = rows.filter { $0.place_id == placeID }
            #expect(listed.count >= 2)
            let place = try #require(try await Place.find(placeID, on: app.db))
            let workplace = try #require(try await Workplace.find(place.$workplace.id, on: app.db))
            let (contact, _) = try await Fixtures.contact(app, of: [workplace])
            let path = SiteURL.employerPortalShortlists.path

            // Before publication: nothing.
            let before = try await contact.get(path)
            #expect(before.status == .ok)
            #expect(!before.body.string.contains(place.title))

            let worker = try await Fixtures.user(app, role: .caseWorker, unit: setup.unit)
            try await ShortlistReview(database: app.db, clock: app.clock).publish(
                run, replacing: false, by: .init(userID: worker.id, role: "case_worker", clientAddress: nil),
                translations: app.translations, publicURL: "http://praktik.test")

            // One candidate withdraws consent to share with employers.
            let withdrawn = listed[0]
            try await ConsentService(database: app.db, clock: app.clock).record(
                .withdrawn, purpose: BuiltInConsentPurpose.employerProfile.rawValue, channel: .paper,
                participantID: withdrawn.participant_id, by: Fixtures.adminActor)

            let audits = try await Fixtures.auditCount(app)
            let page = try await contact.get(path)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains(place.title))
            let shown = listed.count - 1
            #expect(html.components(separatedBy: "<td class=\"number\">").count - 1 == shown)
            #expect(try await Fixtures.auditCount(app) == audits + shown)
            let viewed = try await AuditEvent.query(on: app.db).filter(\.$action == "view").filter(\.$recordType == "application").all()
            #expect(!viewed.contains { $0.recordID?.lowercased() == withdrawn.application_id.uuidString.lowercased() })

            // Nothing beyond the shared profile: no names, contact details, numbers, gender, origin or district.
            for application in setup.applications {
                let participant = try #require(try await Participant.find(application.$participant.id, on: app.db))
                for forbidden in [
                    application.firstName, application.lastName, application.email, application.phone, participant.personIdentifier,
                    application.homeDistrict,
                ].compactMap({ $0 }).filter({ !$0.isEmpty }) {
                    #expect(!html.contains(forbidden), "\(forbidden) shown to the employer")
                }
            }
            for word in ["Kvinna", "Utanför Europa", "070-123", "@example.se", "Iran", "uppehållstillstånd"] {
                #expect(!html.contains(word), "\(word) shown to the employer")
            }
            // Another employer's contact sees none of it.
            let (stranger, _) = try await Fixtures.signedIn(app, as: .employerContact)
            #expect(!(try await stranger.get(path)).body.string.contains(place.title))
        }
    }
}
