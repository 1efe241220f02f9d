import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// The two lists people page through all day (`/participants`, `/places`): every value a person
/// typed reaches the page escaped, in text and in attribute values, however it is written.
@Suite("List pages")
struct ListPageTests {
    static let hostile = #"<script>alert("x")</script> & O'Brien"#
    static let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien"

    @Test("the participant list escapes names, unit names and the search term")
    func participantList() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JT-X", name: Self.hostile)
            try await Fixtures.participant(app, unit: unit, firstName: Self.hostile, lastName: "Ek", email: "ek@example.se")
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)

            let page = try await browser.get("/participants").body.string
            #expect(!page.contains("<script>"))
            #expect(page.contains("<td><a href=\"/participants/"))
            #expect(page.contains("Ek, " + Self.escaped))
            #expect(page.contains("<td>" + Self.escaped + "</td>"), "the unit's name")

            let query = try #require(Self.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let searched = try await browser.get("/participants?q=\(query)").body.string
            #expect(!searched.contains("<script>"))
            #expect(searched.contains("value=\"" + Self.escaped + "\""), "the search term kept in its field")
        }
    }

    @Test("the place list escapes titles, employers, districts, units and the search term")
    func placeList() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JT-X", name: Self.hostile)
            let employer = try await Fixtures.employer(app, name: Self.hostile)
            let workplace = try await Fixtures.workplace(app, of: employer, district: Self.hostile)
            _ = try await Fixtures.place(app, at: workplace, unit: unit, title: Self.hostile)
            let (browser, _) = try await Fixtures.signedIn(app, as: .admin)

            let page = try await browser.get("/places").body.string
            #expect(!page.contains("<script>"))
            #expect(page.components(separatedBy: Self.escaped).count - 1 >= 6, "title, employer, district, unit, two options")
            #expect(page.contains("<option value=\"" + Self.escaped + "\">" + Self.escaped + "</option>"), "the district filter")

            let query = try #require(Self.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let searched = try await browser.get("/places?q=\(query)").body.string
            #expect(!searched.contains("<script>"))
            #expect(searched.contains("value=\"" + Self.escaped + "\""), "the search term kept in its field")
        }
    }

    @Test("a list's total comes with its page, and stays right on a page past the last one")
    func totals() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JT-T", name: "Jobbtorg T")
            let other = try await Fixtures.unit(app, code: "JT-U", name: "Arbetstorg U")
            for name in ["Ek", "Al", "Björk"] { try await Fixtures.participant(app, unit: unit, lastName: name) }
            try await Fixtures.participant(app, unit: other, lastName: "Lind")
            let admin = SignedInUser(id: UUID(), email: "a@test.example", displayName: "A", role: .admin, unitID: nil, language: .swedish)
            let people = ParticipantDirectory(sql: try app.db.sql, scope: ParticipantScope(user: admin))
            let inUnit = ParticipantDirectory.Filter(unitID: unit.id)
            let first = try await people.page(inUnit, limit: 2, offset: 0)
            #expect(first.rows.compactMap(\.last_name) == ["Al", "Björk"])
            #expect(first.total == 3)
            #expect(try await people.page(inUnit, limit: 2, offset: 2).total == 3)
            let past = try await people.page(inUnit, limit: 2, offset: 10)
            #expect(past.rows.isEmpty)
            #expect(past.total == 3, "counted apart when no row carries the total")
            #expect(try await people.page(.init(search: "nobody"), limit: 2, offset: 0).total == 0)

            let employer = try await Fixtures.employer(app)
            let north = try await Fixtures.workplace(app, of: employer, district: "Tensta")
            let south = try await Fixtures.workplace(app, of: employer, address: "Ringvägen 2", district: "Skärholmen")
            _ = try await Fixtures.workplace(app, of: employer, address: "Gatan 3", district: "")
            for title in ["A", "B", "C"] { _ = try await Fixtures.place(app, at: north, unit: unit, title: title) }
            _ = try await Fixtures.place(app, at: south, unit: other, title: "D")
            let places = PlaceDirectory(sql: try app.db.sql)
            let sort = SQLSort(requested: nil, allowed: PlaceDirectory.sortColumns, default: "title")
            let inTensta = PlaceDirectory.Filter(district: "Tensta")
            let page = try await places.page(inTensta, sort: sort, limit: 2, offset: 0)
            #expect(page.rows.map(\.title) == ["A", "B"])
            #expect(page.total == 3)
            let beyond = try await places.page(inTensta, sort: sort, limit: 2, offset: 4)
            #expect(beyond.rows.isEmpty)
            #expect(beyond.total == 3, "counted apart when no row carries the total")
            #expect(try await places.page(.init(), sort: sort, limit: 10, offset: 0).total == 4)
            // The staff list reads fewer columns, with the same rows, total and filter choices (the
            // choices kept between pages on SQLite only, as the server keeps them).
            let listed = try await places.listPage(inTensta, sort: sort, limit: 2, offset: 0, cache: app.placeFilterChoices)
            #expect(listed.rows.map(\.title) == ["A", "B"])
            #expect(listed.rows.map(\.id) == page.rows.map(\.id))
            #expect(listed.rows.allSatisfy { $0.district == "Tensta" && $0.employer_id == employer.id && $0.unit_name == "Jobbtorg T" })
            #expect(listed.total == 3)
            #expect(listed.choices.districts == ["Skärholmen", "Tensta"])
            let listedBeyond = try await places.listPage(inTensta, sort: sort, limit: 2, offset: 4, cache: nil)
            #expect(listedBeyond.rows.isEmpty)
            #expect(listedBeyond.total == 3)

            let choices = try await places.filterChoices()
            #expect(choices.units.map(\.name) == ["Arbetstorg U", "Jobbtorg T"])
            #expect(choices.units.map(\.id) == [other.id, unit.id])
            #expect(choices.districts == ["Skärholmen", "Tensta"], "no empty district, each once, in order")
        }
    }
}
