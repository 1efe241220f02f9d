import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// The place list's unit and district choices are kept between pages on SQLite and read again when
/// the version M0121's triggers keep has moved: they must follow every kind of change, made by
/// this instance or another, through a service or by hand.
@Suite("Places: the list's filter choices")
struct PlaceFilterChoicesTests {
    struct Version: Decodable { let version: Int }

    func options(_ browser: Browser) async throws -> String {
        let page = try await browser.get("/places")
        #expect(page.status == .ok)
        return page.body.string
    }

    @Test("units and districts follow inserts, renames and removals by another instance; unchanged, the kept choices are shown")
    func followEveryChange() async throws {
        try await withTwoInstances { app, other in
            let unit = try await Fixtures.unit(app, code: "JT-A", name: "Jobbtorg A")
            let employer = try await Fixtures.employer(app)
            let workplace = try await Fixtures.workplace(app, of: employer, district: "Rinkeby-Kista")
            _ = try await Fixtures.place(app, at: workplace, unit: unit)
            let user = try await Fixtures.user(app, role: .caseWorker, unit: unit)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let sqlite = TestDatabase.postgresURL == nil
            #expect((app.placeFilterChoices != nil) == sqlite, "kept on SQLite only")

            var html = try await options(browser)
            #expect(html.contains(">Rinkeby-Kista</option>") && html.contains(">Jobbtorg A</option>"))
            if let cache = app.placeFilterChoices {
                // Unchanged, the page shows what is kept: a stand-in proves it is read.
                let version = try #require(
                    try await app.db.sql.raw("SELECT version FROM list_versions WHERE name = 'place_filters'").first(decoding: Version.self)
                )
                #expect(cache.choices(at: version.version) != nil, "the first page kept its choices")
                cache.store(.init(units: [], districts: ["Kept district"]), at: version.version)
                #expect(try await options(browser).contains(">Kept district</option>"))
            }

            // A workplace in a new district, by the other instance's service.
            let spanga = try await Fixtures.workplace(other, of: employer, address: "Spångavägen 2", district: "Spånga")
            html = try await options(browser)
            #expect(html.contains(">Spånga</option>") && html.contains(">Rinkeby-Kista</option>"))
            #expect(!html.contains("Kept district"))

            // A unit renamed, a district changed, a workplace removed, a unit added: by hand.
            let otherSQL = try other.db.sql
            try await otherSQL.raw("UPDATE units SET name = 'Jobbtorg Norr' WHERE id = \(bind: try unit.requireID())").run()
            #expect(try await options(browser).contains(">Jobbtorg Norr</option>"))
            try await otherSQL.raw("UPDATE workplaces SET district = 'Tensta' WHERE id = \(bind: try spanga.requireID())").run()
            html = try await options(browser)
            #expect(html.contains(">Tensta</option>") && !html.contains(">Spånga</option>"))
            try await otherSQL.raw("DELETE FROM workplaces WHERE id = \(bind: try spanga.requireID())").run()
            #expect(!(try await options(browser).contains(">Tensta</option>")))
            _ = try await Fixtures.unit(other, code: "JT-S", name: "Jobbtorg Syd")
            #expect(try await options(browser).contains(">Jobbtorg Syd</option>"))
        }
    }
}
