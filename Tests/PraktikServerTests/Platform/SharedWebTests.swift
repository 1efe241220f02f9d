import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// The shared web idioms of `Platform/Web` that every capability uses.
@Suite("Shared web idioms")
struct SharedWebTests {
    @Test("database.sql refuses a database that is not SQL instead of falling back")
    func sqlRefusesNonSQL() async throws {
        try await withPraktikApp { app in
            #expect(throws: AppError.unavailable) { try NotSQLDatabase(base: app.db).sql }
            _ = try app.db.sql
        }
    }

    @Test("sign-in throttling that cannot count attempts refuses; it never answers 'allowed'")
    func throttlingWithoutSQLRefuses() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .caseWorker)
            let service = LoginService(
                database: NotSQLDatabase(base: app.db), clock: app.clock, policy: app.settings.loginThrottle,
                hasher: app.password.async, decoyHash: app.decoyPasswordHash)
            await #expect(throws: AppError.unavailable) {
                try await service.signIn(email: user.email, password: Fixtures.password, clientAddress: "192.0.2.1")
            }
            #expect(try await LoginAttempt.query(on: app.db).count() == 0)
        }
    }

    @Test("a list query keeps filters and sort in its page, sort and export links")
    func listQueryLinks() async throws {
        try await withPraktikApp { app in
            let request = Request(
                application: app, method: .GET, url: URI(string: "/employers?q=a%26b&sector=&sort=-name&page=2"),
                on: app.eventLoopGroup.any())
            var list = ListQuery(
                request, url: .employers, filters: ["q": request.query("q"), "sector": request.query("sector")],
                sort: (EmployerDirectory.sortColumns, "name"), perPage: 10)
            list.total = 35
            #expect(list.page == 2 && list.offset == 10 && list.limit == 10 && list.pageCount == 4)
            #expect(list.sort.key == "name" && list.sort.descending)
            #expect(list.href(page: 1) == "/employers?q=a%26b&sort=-name&page=1")
            #expect(list.link(to: .employerExport, keepingSort: false) == "/employers/export.csv?q=a%26b")
            #expect(list.link(to: .employerExport) == "/employers/export.csv?q=a%26b&sort=-name")
            let headers = list.sortLinks([("name", "employer.name"), ("sector", "employer.sector")])
            #expect(headers.map(\.href) == ["/employers?q=a%26b&sort=name", "/employers?q=a%26b&sort=sector"])
            #expect(headers.map(\.ariaSort) == ["descending", "none"])

            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(list)) as? [String: Any]
            #expect(json?["path"] as? String == "/employers")
            #expect(json?["previousHref"] as? String == "/employers?q=a%26b&sort=-name&page=1")
            #expect(json?["nextHref"] as? String == "/employers?q=a%26b&sort=-name&page=3")
            #expect(json?["hasNext"] as? Bool == true)
        }
    }

    @Test("an unknown sort falls back to the default; a list in a fixed order carries no sort")
    func listQueryWithoutSort() async throws {
        try await withPraktikApp { app in
            let request = Request(
                application: app, method: .GET, url: URI(string: "/admin/users?sort=password_hash&page=-3"), on: app.eventLoopGroup.any())
            let fixed = ListQuery(request, url: .adminUsers, filters: ["q": ""])
            #expect(fixed.page == 1)
            #expect(fixed.href(page: 2) == "/admin/users?page=2")
            let sorted = ListQuery(request, url: .employers, sort: (EmployerDirectory.sortColumns, "name"))
            #expect(sorted.sort.key == "name" && !sorted.sort.descending)
        }
    }

    @Test("a query string reads as Vapor's decoder reads it, parsed once per request")
    func queryValues() async throws {
        let queries = [
            "q=a+b%20c&status=&page=2", "q=first&q=last", "q=%C3%85sa%20%C3%96berg", "flag&q=x", "a=1=2", "", "&&q=x&&",
            "q=%26%3D%2B%3F%23",
        ]
        try await withPraktikApp { app in
            for query in queries {
                let request = Request(application: app, method: .GET, url: URI(string: "/places?" + query), on: app.eventLoopGroup.any())
                for key in ["q", "status", "page", "a", "flag", "missing"] {
                    #expect(request.query(key) == ((try? request.query.get(String.self, at: key)) ?? ""), "\(key) in \(query)")
                }
            }
        }
        // A malformed escape leaves that value out (Vapor's decoder then fails the whole string).
        #expect(QueryValues.parse("q=%zz&status=open") == ["status": "open"])
        #expect(QueryValues.parse("%zz=1&q=x") == ["q": "x"])
    }

    @Test("links with a query string leave empty values out")
    func siteURLWithQuery() {
        #expect(SiteURL.places.path(query: ["status": "proposed", "unit": ""]) == "/places?status=proposed")
        #expect(SiteURL.places.path(query: ["status": ""]) == "/places")
        #expect(SiteURL.login(next: "/start").path(query: ["x": "1"]) == "/login?next=/start&x=1")
    }

    @Test("templates take every link from their model (SiteURL), never a literal path")
    func templatesHoldNoLiteralPaths() throws {
        let views = URL(fileURLWithPath: packageRoot + "Resources/Views")
        let files = try #require(FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil))
        var literal: [String] = []
        for case let file as URL in files where file.pathExtension == "leaf" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in ["href=\"/", "action=\"/", "src=\"/"] where text.contains(pattern) {
                literal.append(file.lastPathComponent + ": " + pattern)
            }
        }
        #expect(literal.isEmpty, "literal paths in templates: \(literal)")
    }
}
