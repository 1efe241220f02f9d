import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Participants: scope and confidentiality")
struct ParticipantScopeTests {
    @Test("a case worker of unit A cannot see unit B's participants anywhere")
    func unitScope() async throws {
        try await withPraktikApp { app in
            let unitA = try await Fixtures.unit(app, code: "JT-A", name: "Jobbtorg A")
            let unitB = try await Fixtures.unit(app, code: "JT-B", name: "Jobbtorg B")
            let own = try await Fixtures.participant(app, unit: unitA, firstName: "Amina", lastName: "Own")
            let other = try await Fixtures.participant(app, unit: unitB, firstName: "Bodil", lastName: "Elsewhere")
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: unitA)
            let browser = Browser(app)
            try await browser.signIn(worker.email)

            let list = try await browser.get("/participants")
            #expect(list.body.string.contains("Own, Amina"))
            #expect(!list.body.string.contains("Elsewhere"))
            let search = try await browser.get("/participants?q=bodil")
            #expect(!search.body.string.contains("Elsewhere"))

            let otherID = try other.requireID()
            for path in ["/participants/\(otherID)", "/participants/\(otherID)/edit", "/participants/\(otherID)/export.json"] {
                let response = try await browser.get(path)
                #expect(response.status == .notFound, "\(path): \(response.status)")
                #expect(!response.body.string.contains("Bodil"))
            }
            try await browser.get("/participants")
            let erase = try await browser.post("/participants/\(otherID)/erase", form: ["confirm": "yes"])
            #expect(erase.status == .notFound)
            #expect(try await Participant.find(otherID, on: app.db)?.firstName == "Bodil")
            #expect(try await browser.get("/participants/\(try own.requireID())").status == .ok)
        }
    }

    @Test("an analyst cannot open any participant, nor the list")
    func analyst() async throws {
        try await withPraktikApp { app in
            let participant = try await Fixtures.participant(app)
            let (browser, _) = try await Fixtures.signedIn(app, as: .analyst)
            #expect(try await browser.get("/participants").status == .forbidden)
            let page = try await browser.get("/participants/\(try participant.requireID())")
            #expect(page.status == .forbidden)
            #expect(!page.body.string.contains(participant.lastName ?? "-"))
        }
    }

    @Test("an employer contact learns nothing about who is enrolled")
    func employerLearnsNothing() async throws {
        try await withPraktikApp { app in
            let participant = try await Fixtures.participant(app, firstName: "Samira")
            let (browser, _) = try await Fixtures.signedIn(app, as: .employerContact)
            let existingID = try participant.requireID().uuidString
            let missingID = UUID().uuidString
            let existing = try await browser.get("/participants/\(existingID)")
            let missing = try await browser.get("/participants/\(missingID)")
            #expect(existing.status == missing.status)
            // The pages differ only in the requested path (kept for the language switch).
            #expect(
                existing.body.string.replacingOccurrences(of: existingID, with: "ID")
                    == missing.body.string.replacingOccurrences(of: missingID, with: "ID"))
            #expect(try await browser.get("/participants?q=Samira").status == .forbidden)
            for path in ["/start", "/account"] {
                #expect(!(try await browser.get(path).body.string.contains("Samira")))
            }
        }
    }

    @Test("a participant sees only their own record in the portal")
    func participantOwnOnly() async throws {
        try await withPraktikApp { app in
            let (browser, user) = try await Fixtures.signedIn(app, as: .participant)
            let other = try await Fixtures.participant(app, firstName: "Someone", lastName: "Else")
            let portal = try await browser.get("/portal")
            #expect(portal.status == .ok)
            #expect(portal.body.string.contains("Hej Leyla"))
            #expect(!portal.body.string.contains("Someone"))
            #expect(try await browser.get("/participants/\(try other.requireID())").status == .forbidden)
            #expect(user.$participant.id != nil)
        }
    }
}
