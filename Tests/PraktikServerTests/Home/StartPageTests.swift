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

    /// Checks of the first type, recorded for four employers, today being the test clock's day:
    /// "Inom" (place in the unit) expires in 10 days and is listed; "Annan" has its place in another
    /// unit; "Senare" expires in 60 days; "Förnyad" has a check expiring in 10 days but a later one of
    /// the same type that runs a year. An admin sees every unit's, so "Annan" too.
    @Test("expiring checks: the unit's employers whose latest check of a kind runs out within 30 days")
    func expiringChecks() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JT-A", name: "Jobbtorg A")
            let other = try await Fixtures.unit(app, code: "JT-B", name: "Jobbtorg B")
            let today = try app.clock.today()
            func day(_ offset: Int) throws -> String { try #require(today.adding(days: offset)).description }
            let service = EmployerCheckService(database: app.db, clock: app.clock)
            let type = try #require(try await service.types().first)
            func employer(_ name: String, _ number: Int, in placeUnit: OrganisationUnit, checks: [(checked: Int, expires: Int)])
                async throws
            {
                let employer = try await Fixtures.employer(app, name: name, number: Fixtures.organisationNumber(number))
                try await Fixtures.place(app, at: try await Fixtures.workplace(app, of: employer), unit: placeUnit)
                for check in checks {
                    _ = try await service.record(
                        for: employer,
                        .init(
                            checkTypeID: type.id?.uuidString ?? "", result: "passed", checkedOn: try day(check.checked),
                            expiresOn: try day(check.expires), unionName: type.needsUnion ? "Byggnads" : ""),
                        by: .init(userID: nil, role: "case_worker", clientAddress: nil))
                }
            }
            try await employer("Inom", 1, in: unit, checks: [(-300, 10)])
            try await employer("Annan", 2, in: other, checks: [(-300, 10)])
            try await employer("Senare", 3, in: unit, checks: [(-300, 60)])
            try await employer("Förnyad", 4, in: unit, checks: [(-300, 10), (-5, 360)])
            let queries = WorkQueries(sql: try app.db.sql)
            let until = try #require(today.adding(days: 30))
            let forUnit = try await queries.expiringChecks(unitID: try unit.requireID(), today: today, until: until)
            #expect(forUnit.rows.map(\.employer_name) == ["Inom"])
            #expect(forUnit.total == 1)
            #expect(forUnit.rows.first?.expires_on == (try day(10)))
            let everyUnit = try await queries.expiringChecks(unitID: nil, today: today, until: until)
            #expect(everyUnit.rows.map(\.employer_name) == ["Annan", "Inom"])
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
