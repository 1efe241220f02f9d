import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// The printable board report (issue 14): every report of the period on one page, in every
/// interface language, with the same protected figures as each report's own page.
@Suite("Board report")
struct BoardReportTests {
    @Test("every report in every language, each with its chart and table; the period form and links stay off paper")
    func everyReport() async throws {
        try await withPraktikApp { app in
            try await FeedbackReportTests.fixture(app)
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let path = SiteURL.boardReport.path + "?from=2025-01-01&to=2025-12-31"
            for language in AppLanguage.allCases {
                _ = try await analyst.get("/account")
                try await analyst.post("/language", form: ["language": language.tag, "returnTo": "/reports"])
                let page = try await analyst.get(path)
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains(app.translations.text(for: "report.board.title", in: language)))
                for name in PlacementReports.Name.allCases {
                    #expect(
                        body.contains(">" + app.translations.text(for: "report.\(name.rawValue).title", in: language) + "</h2>"), "\(name)")
                    // The fixture has no intake that closed in the period, so the comparison has no rows to chart.
                    if name != .comparison {
                        #expect(body.contains("aria-labelledby=\"chart-title-\(name.rawValue)\""), "\(name) has a chart")
                    }
                }
                #expect(body.contains("class=\"form form--inline no-print\""))
            }
            // The same protected rows as each report's own page, and nobody's person number.
            let body = try await analyst.get(path).body.string
            for name in PlacementReports.Name.allCases {
                let own = try await analyst.get(SiteURL.report(name.rawValue).path + "?from=2025-01-01&to=2025-12-31").body.string
                // A report without rows in the period (the comparison here) has no table body.
                let parts = own.components(separatedBy: "<tbody>")
                guard parts.count > 1 else {
                    #expect(name == .comparison, "\(name) has rows")
                    continue
                }
                let rows = parts[1].components(separatedBy: "</tbody>")[0]
                #expect(body.contains(rows), "\(name)")
            }
            for n in 1...10 { #expect(!body.contains(HistoryFixture.person(n))) }
            #expect(try await analyst.get(SiteURL.boardReport.path + "?from=2025-02-30").status == .badRequest)
            #expect(try await analyst.get(SiteURL.reports.path).body.string.contains(SiteURL.boardReport.path))
        }
    }

    @Test("employer contacts and participants may not open it")
    func access() async throws {
        try await withPraktikApp { app in
            let (contact, _) = try await Fixtures.signedIn(app, as: .employerContact)
            #expect(try await contact.get(SiteURL.boardReport.path).status == .forbidden)
            #expect(try await Browser(app).get(SiteURL.boardReport.path).status == .seeOther)
        }
    }
}
