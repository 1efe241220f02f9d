import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Start pages show work")
struct StartPageTests {
    @Test("a case worker sees their own active participants and nobody else's")
    func caseWorker() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let mine = try await Fixtures.participant(app, unit: unit, firstName: "Mina", lastName: "Egna")
            mine.$responsibleCaseWorker.id = worker.id
            try await mine.save(on: app.db)
            try await Fixtures.participant(app, unit: unit, firstName: "Andras", lastName: "Deltagare")
            let html = try await browser.get("/start").body.string
            #expect(html.contains("Dina aktiva deltagare"))
            #expect(html.contains("Egna, Mina"))
            #expect(!html.contains("Deltagare, Andras"))
            #expect(html.contains("Arbetsgivare med varningssignaler"))
            #expect(!html.contains("Det här kan du göra"), "work, not a menu")
        }
    }

    @Test("each staff role's start page answers with its own work")
    func otherRoles() async throws {
        try await withPraktikApp { app in
            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            let adminPage = try await admin.get("/start").body.string
            #expect(adminPage.contains("Konton och enheter"))
            #expect(adminPage.contains("Avslutade deltagare att gallra"))
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            #expect(try await analyst.get("/start").body.string.contains("Rapporter"))
            let (contact, _) = try await Fixtures.signedIn(app, as: .employerContact)
            #expect(try await contact.get("/start").body.string.contains("Era praktikplatser"))
        }
    }

    @Test("an employer contact sees the places of their workplaces, proposed and open")
    func employerContact() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            let workplace = try await Fixtures.workplace(app, of: employer)
            _ = try await Fixtures.place(app, at: workplace, unit: unit, title: "Snickare", status: .proposed)
            _ = try await Fixtures.place(app, at: workplace, unit: unit, title: "Målare", status: .open)
            _ = try await Fixtures.place(app, at: workplace, unit: unit, title: "Stängd plats", status: .closed)
            let (contact, _) = try await Fixtures.contact(app, of: [workplace])
            let page = try await contact.get("/start")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Snickare"))
            #expect(page.body.string.contains("Målare"))
            #expect(!page.body.string.contains("Stängd plats"))
        }
    }
}
