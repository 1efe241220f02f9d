import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// Swift views (`PageView.swift`) share the frame and the escaping of Leaf templates.
@Suite("Swift page views")
struct PageViewTests {
    @Test("the Swift frame is the Leaf frame, for every role, signed out and in every language")
    func sameFrame() async throws {
        try await withPraktikApp { app in
            let roles: [Role?] = [nil] + Role.allCases
            for role in roles {
                for language in AppLanguage.allCases {
                    let request = Request(application: app, method: .GET, url: "/participants?q=%22x%22", on: app.eventLoopGroup.next())
                    request.language = language
                    request.csrfToken = "token-\"<&>"
                    request.currentUser = role.map {
                        SignedInUser(
                            id: UUID(), email: "a@example.se", displayName: "Åsa <O'Brien> & \"Co\"", role: $0, unitID: nil,
                            language: language)
                    }
                    let layout = Layout(request: request, titleKey: "participants.title", titleArgument: "x")
                    let leaf = try await request.view.render(
                        "error", PageContext(layout: layout, page: ErrorPage(status: 404, messageKey: "error.not-found")))
                    let swift = LayoutView.document(layout, words: Words(request)) { $0.text("body") }.html
                    #expect(
                        Self.frame(of: swift) == Self.frame(of: String(buffer: leaf.data)),
                        "frame differs for \(role?.rawValue ?? "anonymous") in \(language.rawValue)")
                }
            }
        }
    }

    @Test("data is escaped in text and in attribute values, as Leaf escapes it")
    func escaping() {
        let hostile = "\"><script>alert('x')</script>&amp;"
        let escaped = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;"
        #expect(Self.written { $0.element("a", .attr("href", hostile), text: hostile) } == "<a href=\"\(escaped)\">\(escaped)</a>")
        #expect(HTMLEscaping.escape("Åsa Öberg 👩🏽‍💼") == "Åsa Öberg 👩🏽‍💼")
        #expect(HTMLEscaping.escape("a&b ü<") == "a&amp;b ü&lt;")
        #expect(HTMLEscaping.escape("") == "")
        // An empty value is kept as a bare attribute: HTML reads `<input value/>` as an empty value.
        #expect(Self.written { $0.void("input", .attr("value", "")) } == "<input value/>")
        #expect(Self.written { $0.void("input", .attr("value", hostile)) } == "<input value=\"\(escaped)\"/>")
    }

    @Test("a page larger than the writer's first allocation comes out whole, byte for byte")
    func growing() {
        // 64 bytes to start with (the least the writer takes), then 2,000 rows of escaped text and
        // attributes: the buffer grows several times, in the middle of a tag and of a text.
        var html = HTMLWriter(capacity: 1)
        var expected = ""
        for index in 0..<2_000 {
            let name = index.isMultiple(of: 7) ? "Åsa & <\(index)>" : "Row \(index) 👩🏽‍💼"
            html.element("tr", .attr("data-n", String(index)), .flag("hidden", index.isMultiple(of: 2))) { html in
                html.element("td", text: name)
                html.void("input", .attr("value", name))
            }
            let escapedName = HTMLEscaping.escape(name)
            expected += "<tr data-n=\"\(index)\"" + (index.isMultiple(of: 2) ? " hidden" : "") + "><td>\(escapedName)</td>"
            expected += "<input value=\"\(escapedName)\"/></tr>"
        }
        #expect(html.html == expected)
        #expect(String(buffer: html.buffer) == expected)
        #expect(Self.written { _ in } == "")
        #expect(Self.written { $0.text("") } == "")
    }

    @Test("a record's link written from its two parts is the page's own path, for ids of every kind")
    func recordLinks() {
        let pages: [(UUID?) -> SiteURL] = [
            SiteURL.place, SiteURL.employer, SiteURL.participant, SiteURL.placeEdit, SiteURL.intakeFunnelCSV,
        ]
        let ids = [UUID(), UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)), UUID()]
        for page in pages {
            let link = RecordLink(page)
            for id in ids {
                #expect(link.path(id) == page(id).path)
                #expect(Self.written { $0.element("a", .href(link, id), text: "x") } == "<a href=\"\(page(id).path)\">x</a>")
            }
        }
        // The link's own parts are escaped as any attribute value; the id needs no escaping.
        let edit = RecordLink(SiteURL.placeEdit)
        #expect(!edit.suffix.isEmpty)
        #expect(
            Self.written { $0.void("a", .attr("class", "c"), .href(edit, ids[1]), .flag("hidden", true)) }
                == "<a class=\"c\" href=\"\(SiteURL.placeEdit(ids[1]).path)\" hidden/>")
    }

    @Test("an enumeration's labels made once for a page are the labels of each value's key")
    func valueLabels() async throws {
        try await withPraktikApp { app in
            for language in AppLanguage.allCases {
                let request = Request(application: app, method: .GET, url: "/places", on: app.eventLoopGroup.next())
                request.language = language
                let t = Words(request)
                let labels = ValueLabels(PlaceStatus.self, prefix: "place-status", t)
                for status in PlaceStatus.allCases {
                    #expect(labels[status.rawValue] == t("place-status.\(status.rawValue)"))
                    #expect(labels[status.rawValue] != "place-status.\(status.rawValue)", "no label for \(status) in \(language)")
                }
                // A value the enumeration does not know is looked up as its key would be.
                #expect(labels["not-a-status"] == t("place-status.not-a-status"))
            }
        }
    }

    static func written(_ write: (inout HTMLWriter) -> Void) -> String {
        var html = HTMLWriter()
        write(&html)
        return html.html
    }

    /// The document without what `<main>` holds, with the whitespace between tags taken out (the
    /// template's line breaks and indentation are not part of the markup).
    static func frame(of document: String) -> String {
        var text = document
        if let start = text.range(of: "tabindex=\"-1\">"), let end = text.range(of: "</main>", range: start.upperBound..<text.endIndex) {
            text.replaceSubrange(start.upperBound..<end.lowerBound, with: "")
        }
        // The writer closes void elements as `<input …/>`, which HTML reads as `<input …>`.
        return text.replacing(#/>\s+</#, with: "><").replacing("/>", with: ">").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
