import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// An employer contact of workplace A reaches A's places and nothing of workplace B.
@Suite("Employer portal scope")
struct PortalScopeTests {
    struct World {
        let unit: OrganisationUnit
        let workplaceA: Workplace
        let workplaceB: Workplace
        let placeA: Place
        let placeB: Place
    }

    func world(_ app: Application) async throws -> World {
        let unit = try await Fixtures.unit(app)
        let employerA = try await Fixtures.employer(app, name: "Alfa Städ AB", number: Fixtures.organisationNumber(1))
        let employerB = try await Fixtures.employer(app, name: "Beta Bygg AB", number: Fixtures.organisationNumber(2))
        let workplaceA = try await Fixtures.workplace(app, of: employerA, address: "Alfavägen 1")
        let workplaceB = try await Fixtures.workplace(app, of: employerB, address: "Betagatan 2")
        let placeA = try await Fixtures.place(app, at: workplaceA, unit: unit, title: "Lokalvårdare Alfa", status: .proposed)
        let placeB = try await Fixtures.place(app, at: workplaceB, unit: unit, title: "Snickare Beta Hemlig", status: .proposed)
        return World(unit: unit, workplaceA: workplaceA, workplaceB: workplaceB, placeA: placeA, placeB: placeB)
    }

    @Test("the start page lists A's places and nothing of B")
    func startPage() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (browser, _) = try await Fixtures.contact(app, of: [w.workplaceA])
            let page = try await browser.get("/employer-portal")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Lokalvårdare Alfa"))
            #expect(!page.body.string.contains("Snickare Beta Hemlig"))
            #expect(!page.body.string.contains("Betagatan"))
            #expect(!page.body.string.contains("Beta Bygg"))
        }
    }

    @Test("every portal route answers 404 for B's workplace or place and shows none of its data")
    func otherWorkplace() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (browser, _) = try await Fixtures.contact(app, of: [w.workplaceA])
            let b = try w.placeB.requireID().uuidString, wb = try w.workplaceB.requireID().uuidString
            try await browser.get("/employer-portal")
            let reads = [
                try await browser.get("/employer-portal/places/\(b)"), try await browser.get("/employer-portal/workplaces/\(wb)"),
                try await browser.get("/employer-portal/workplaces/\(wb)/places/new"),
            ]
            for response in reads {
                #expect(response.status == .notFound)
                #expect(!response.body.string.contains("Snickare Beta Hemlig"))
                #expect(!response.body.string.contains("Betagatan"))
            }
            let placeForm = [
                "title": "Hijacked", "capacity": "1", "periodStart": "2026-06-01", "periodEnd": "2026-06-30", "hoursPerWeek": "40",
                "regime": "external", "unitID": try w.unit.requireID().uuidString,
            ]
            try await browser.get("/employer-portal")
            #expect(try await browser.post("/employer-portal/places/\(b)", form: placeForm).status == .notFound)
            try await browser.get("/employer-portal")
            #expect(try await browser.post("/employer-portal/places/\(b)/status", form: ["status": "closed"]).status == .notFound)
            try await browser.get("/employer-portal")
            #expect(try await browser.post("/employer-portal/workplaces/\(wb)/places", form: placeForm).status == .notFound)
            try await browser.get("/employer-portal")
            #expect(try await browser.post("/employer-portal/workplaces/\(wb)", form: ["address": "Hijacked 1"]).status == .notFound)

            let placeB = try #require(try await Place.find(w.placeB.id, on: app.db))
            #expect(placeB.title == "Snickare Beta Hemlig")
            #expect(placeB.status == "proposed")
            #expect(try await Place.query(on: app.db).filter(\.$title == "Hijacked").count() == 0)
            #expect(try await Workplace.find(w.workplaceB.id, on: app.db)?.address == "Betagatan 2")
        }
    }

    @Test("the scope is enforced in the service layer, not only in controllers")
    func serviceScope() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (_, user) = try await Fixtures.contact(app, of: [w.workplaceA])
            let scope = EmployerContactScope(database: app.db, userID: try user.requireID())
            #expect(try await scope.workplaceIDs() == [try w.workplaceA.requireID()])
            _ = try await scope.place(w.placeA.id)
            await #expect(throws: AppError.notFound) { try await scope.place(w.placeB.id) }
            await #expect(throws: AppError.notFound) { try await scope.workplace(w.workplaceB.id) }
            let directory = PlaceDirectory(sql: try app.db.sql)
            let sort = SQLSort(requested: nil, allowed: PlaceDirectory.sortColumns, default: "title")
            let (rows, _) = try await directory.page(
                .init(onlyWorkplaces: try await scope.workplaceIDs()), sort: sort, limit: 50, offset: 0)
            #expect(rows.map(\.title) == ["Lokalvårdare Alfa"])
            let (none, _) = try await directory.page(.init(onlyWorkplaces: []), sort: sort, limit: 50, offset: 0)
            #expect(none.isEmpty)
        }
    }

    @Test("a contact proposes a place, a case worker approves it, and then the contact can no longer change it")
    func proposeAndApprove() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (contact, _) = try await Fixtures.contact(app, of: [w.workplaceA])
            let wa = try w.workplaceA.requireID().uuidString
            try await contact.get("/employer-portal/workplaces/\(wa)/places/new")
            var form = [
                "title": "Barnskötare", "occupationField": "Förskola", "tasks": "Hjälpa till", "capacity": "2", "periodStart": "2026-08-15",
                "periodEnd": "2026-12-15", "hoursPerWeek": "30", "regime": "external", "unitID": try w.unit.requireID().uuidString,
            ]
            let proposed = try await contact.post("/employer-portal/workplaces/\(wa)/places", form: form)
            #expect(proposed.status == .seeOther)
            let place = try #require(try await Place.query(on: app.db).filter(\.$title == "Barnskötare").first())
            #expect(place.status == PlaceStatus.proposed.rawValue)
            #expect(place.$proposedBy.id != nil)

            // The contact may not approve their own proposal.
            try await contact.get("/employer-portal")
            let selfApproval = try await contact.post(
                "/employer-portal/places/\(try place.requireID().uuidString)/status", form: ["status": "open"])
            #expect(selfApproval.status == .conflict)

            let (caseWorker, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await caseWorker.get("/places/\(try place.requireID().uuidString)")
            // The employer's checks are recorded before the place can be approved (`PlaceUsability`).
            let employer = try #require(try await Employer.find(place.$employer.id, on: app.db))
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-01")
            let approved = try await caseWorker.post(
                "/places/\(try place.requireID().uuidString)/status",
                form: ["status": "open", "unitID": try w.unit.requireID().uuidString, "regime": "external"])
            #expect(approved.status == .seeOther)
            let reloaded = try #require(try await Place.find(place.id, on: app.db))
            #expect(reloaded.status == "open")
            #expect(reloaded.$approvedBy.id == worker.id)

            try await contact.get("/employer-portal")
            form["title"] = "Changed after approval"
            let locked = try await contact.post("/employer-portal/places/\(try place.requireID().uuidString)", form: form)
            #expect(locked.status == .conflict)
            #expect(try await Place.find(place.id, on: app.db)?.title == "Barnskötare")
        }
    }

    @Test("a contact sees their employer's check standing")
    func checksStatus() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (contact, _) = try await Fixtures.contact(app, of: [w.workplaceA])
            let page = try await contact.get("/employer-portal")
            #expect(page.body.string.contains("Godkänd för F-skatt"))
            #expect(page.body.string.contains("Saknas"))
        }
    }
}
