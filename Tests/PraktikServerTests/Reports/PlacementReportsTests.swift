import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// The placement reports against a hand-computed fixture imported through the history format.
@Suite("Placement reports")
struct PlacementReportsTests {
    /// Ten people, one placement each; P7 ends after the period, P9 starts before it, P5's 3-month
    /// outcome is unknown and P8 has none.
    static let rows: [HistoryFixture.Row] = [
        row(1, "woman", "Jobbtorg Järva", "2025-01-01", "2025-03-31", atExit: "work", threeMonths: "work"),
        row(2, "woman", "Jobbtorg Järva", "2025-02-01", "2025-04-30", atExit: "work", threeMonths: "studies"),
        row(3, "woman", "Jobbtorg Järva", "2025-03-01", "2025-05-31", atExit: "referred_back", threeMonths: "referred_back"),
        row(4, "man", "Jobbtorg Järva", "2025-04-01", "2025-06-30", regime: "in_house", atExit: "work", threeMonths: "work"),
        row(5, "man", "Jobbtorg Järva", "2025-05-01", "2025-07-31", atExit: "still_enrolled", threeMonths: "unknown"),
        row(6, "man", "Jobbtorg Järva", "2025-06-01", "2025-08-31", atExit: "referred_back", threeMonths: "job_seeking"),
        row(7, "woman", "Jobbtorg Järva", "2025-11-01", "2026-01-31", atExit: "work", threeMonths: "work"),
        row(8, "woman", "Jobbtorg Järva", "2025-07-01", "2025-09-30", atExit: "studies", threeMonths: ""),
        row(9, "woman", "Jobbtorg Söderort", "2024-12-01", "2025-02-28", regime: "in_house", atExit: "work", threeMonths: "work"),
        row(10, "man", "Jobbtorg Söderort", "2025-01-15", "2025-03-31", atExit: "unknown", threeMonths: "studies"),
    ]

    static func row(
        _ n: Int, _ gender: String, _ unit: String, _ start: String, _ end: String, regime: String = "external", atExit: String,
        threeMonths: String
    ) -> HistoryFixture.Row {
        HistoryFixture.Row(
            person: HistoryFixture.person(n), gender: gender, unit: unit, regime: regime, start: start, end: end, atExit: atExit,
            threeMonths: threeMonths)
    }

    static func year2025() throws -> PlacementReports.Period {
        PlacementReports.Period(
            from: try #require(CivilDate(year: 2025, month: 1, day: 1)), to: try #require(CivilDate(year: 2025, month: 12, day: 31)))
    }

    func csv(_ app: Application, _ name: PlacementReports.Name, exact: Bool) async throws -> String {
        let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
            name, period: try Self.year2025(), exact: exact)
        return PlacementReports.csv(table)
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
    }

    @Test("every report's exact figures equal the hand-computed ones")
    func exactFigures() async throws {
        try await withPraktikApp { app in
            let (plan, outcome) = try await HistoryFixture.importRows(Self.rows, on: app)
            #expect(outcome?.placementsCreated == 10, "\(plan.problems)")
            #expect(
                Self.lines(try await csv(app, .outcome3Months, exact: true)) == [
                    "benefit_type,unit,gender,ended,ordinary_work_or_education,share_percent",
                    "forsorjningsstod,Jobbtorg Järva,women,3,2,66.7",
                    "forsorjningsstod,Jobbtorg Järva,men,2,1,50.0",
                    "forsorjningsstod,Jobbtorg Järva,all,5,3,60.0",
                    "forsorjningsstod,Jobbtorg Söderort,women,1,1,100.0",
                    "forsorjningsstod,Jobbtorg Söderort,men,1,1,100.0",
                    "forsorjningsstod,Jobbtorg Söderort,all,2,2,100.0",
                    "forsorjningsstod,all,women,4,3,75.0",
                    "forsorjningsstod,all,men,3,2,66.7",
                    "forsorjningsstod,all,all,7,5,71.4",
                ])
            #expect(
                Self.lines(try await csv(app, .outcomesAtExit, exact: true)) == [
                    "gender,outcome,placements,share_percent",
                    "women,work,3,60.0", "women,studies,1,20.0", "women,still_enrolled,0,0.0", "women,referred_back,1,20.0",
                    "women,unknown,0,0.0", "women,all,5,100.0",
                    "men,work,1,25.0", "men,studies,0,0.0", "men,still_enrolled,1,25.0", "men,referred_back,1,25.0",
                    "men,unknown,1,25.0", "men,all,4,100.0",
                    "all,work,4,44.4", "all,studies,1,11.1", "all,still_enrolled,1,11.1", "all,referred_back,2,22.2",
                    "all,unknown,1,11.1", "all,all,9,100.0",
                ])
            #expect(
                Self.lines(try await csv(app, .starts, exact: true)) == [
                    "year,regime,gender,starts",
                    "2025,external,women,5", "2025,external,men,3", "2025,external,all,8",
                    "2025,in_house,women,0", "2025,in_house,men,1", "2025,in_house,all,1",
                    "2025,all,women,5", "2025,all,men,4", "2025,all,all,9",
                ])
        }
    }

    @Test("protected figures: no count under the threshold is shown, no share of a hidden count, no hidden cell follows from the others")
    func protectedFigures() async throws {
        try await withPraktikApp { app in
            try await FeedbackReportTests.fixture(app)
            let threshold = app.settings.disclosure.threshold
            for name in PlacementReports.Name.allCases {
                let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
                    name, period: try Self.year2025(), exact: false)
                let countColumns = table.header.indices.filter {
                    ["ended", "ordinary_work_or_education", "placements", "starts", "answers", "positive"].contains(table.header[$0])
                }
                let shareColumn = table.header.firstIndex(of: "share_percent")
                for row in table.rows {
                    for column in countColumns {
                        if let value = Int(row[column]) { #expect(value == 0 || value >= threshold, "\(name) \(row)") }
                    }
                    // A share is shown only where every count it is made of is shown.
                    if let shareColumn, !row[shareColumn].isEmpty {
                        #expect(countColumns.allSatisfy { Int(row[$0]) != nil }, "\(name) \(row)")
                    }
                }
            }
            // The fixture's Järva women ended 3: hidden, and so is what would reveal it (the men's
            // 2 beside the unit's 5 would not, being small too, but "all" minus the men would).
            let protected = Self.lines(try await csv(app, .outcome3Months, exact: false))
            #expect(protected.contains { $0.hasPrefix("forsorjningsstod,Jobbtorg Järva,women,<5,") })
            #expect(!protected.contains { $0.hasPrefix("forsorjningsstod,Jobbtorg Järva,all,5,") && $0.contains(",men,2,") })
        }
    }

    @Test("the page, its CSV and the command line give the same figures, and an analyst meets no person")
    func pageCSVAndCommandLine() async throws {
        try await withPraktikApp { app in
            try await FeedbackReportTests.fixture(app)
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            for name in PlacementReports.Name.allCases {
                let page = try await analyst.get("/reports/\(name.rawValue)?from=2025-01-01&to=2025-12-31")
                #expect(page.status == .ok)
                let body = page.body.string
                // A chart wherever there are rows by gender (unfilled places are places, not people);
                // funnel and unfilled places have no intake closing in 2025 here.
                let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
                    name, period: try Self.year2025(), exact: false)
                #expect(body.contains("<svg role=\"img\"") == !(table.rows.isEmpty || table.bars.isEmpty), "\(name) has a chart")
                if table.rows.isEmpty { #expect(body.contains(app.translations.text(for: "report.empty", in: .swedish)), "\(name)") }
                let csv = try await analyst.get("/reports/\(name.rawValue)?from=2025-01-01&to=2025-12-31&format=csv")
                #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
                let command = try await CommandLineReports.csv(
                    name: name.rawValue, from: "2025-01-01", to: "2025-12-31", exact: false, on: app)
                #expect(csv.body.string == "\u{FEFF}" + command, "\(name): the download equals `praktik report`")
                let semicolon = try await analyst.get(
                    "/reports/\(name.rawValue)?from=2025-01-01&to=2025-12-31&format=csv&separator=semicolon")
                #expect(semicolon.body.string == "\u{FEFF}" + command.replacingOccurrences(of: ",", with: ";"))
                // Every row of the CSV is on the page.
                #expect(Self.lines(command).count - 1 == max(0, body.components(separatedBy: "<tr>").count - 2), "\(name) table rows")
                for n in 1...10 {
                    let person = HistoryFixture.person(n)
                    #expect(!body.contains(String(person.suffix(4))) || !body.contains(person), "\(name) shows \(person)")
                }
            }
            #expect(try await analyst.get("/reports").body.string.contains("/reports/outcome-3m"))
            #expect(try await analyst.get("/reports/unknown-report").status == .notFound)
            #expect(try await analyst.get("/reports/starts?from=2025-13-01").status == .badRequest)
            await #expect(throws: CommandLineReports.Problem.self) {
                _ = try await CommandLineReports.csv(name: "nope", from: nil, to: nil, exact: false, on: app)
            }
        }
    }
}
