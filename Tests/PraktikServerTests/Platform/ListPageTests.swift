import Fluent
import Foundation
import PraktikCore
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
}
