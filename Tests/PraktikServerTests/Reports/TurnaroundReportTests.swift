import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// The `turnaround` report: days from application to the first decision by a person, per intake
/// and gender, over decisions made in the period.
@Suite("Turnaround report")
struct TurnaroundReportTests {
    /// Five women and two men apply on 18 November 2026. Three women and one man are decided three
    /// days later; the other two women and the other man twenty days after applying.
    static func decideInTwoBatches(_ app: Application, clock: TestClock) async throws {
        let (_, intake) = try await Fixtures.openIntake(app)
        var women: [UUID] = []
        var men: [UUID] = []
        for _ in 0..<5 { women.append(try await Fixtures.application(app, intake: intake).requireID()) }
        for name in ["Ali", "Omar"] {
            let form = Fixtures.applicationForm(firstName: name, lastName: "Hassan", gender: .man)
            men.append(try await Fixtures.application(app, intake: intake, form: form).requireID())
        }
        let decisions = ScreeningDecisions(
            database: app.db, clock: app.clock,
            messages: ApplicantMessages(
                database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test"),
            actor: Fixtures.adminActor)
        clock.advance(by: 3 * 86_400)
        _ = try await decisions.decide(Array(women.prefix(3)) + [men[0]], in: intake, as: .green, justification: "Behörig")
        clock.advance(by: 17 * 86_400)
        _ = try await decisions.decide(Array(women.suffix(2)) + [men[1]], in: intake, as: .red, justification: "Ej behörig")
    }

    static func period(_ from: String, _ to: String) throws -> PlacementReports.Period {
        PlacementReports.Period(from: try #require(CivilDate(iso8601: from)), to: try #require(CivilDate(iso8601: to)))
    }

    func csv(_ app: Application, _ period: PlacementReports.Period, exact: Bool) async throws -> [String] {
        let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
            .turnaround, period: period, exact: exact)
        return PlacementReportsTests.lines(PlacementReports.csv(table))
    }

    @Test("exact figures: counts, medians and decisions within 14 days, only decisions in the period")
    func exactFigures() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            try await Self.decideInTwoBatches(app, clock: clock)
            let intake = "Jobbsprånget hösten 2026"
            #expect(
                try await csv(app, Self.period("2026-11-01", "2026-12-31"), exact: true) == [
                    "intake,gender,decided,median_days,within_14_days,share_percent",
                    "\(intake),women,5,3.0,3,60.0", "\(intake),men,2,11.5,1,50.0", "\(intake),all,7,3.0,4,57.1",
                    "all,women,5,3.0,3,60.0", "all,men,2,11.5,1,50.0", "all,all,7,3.0,4,57.1",
                ])
            // The second batch (8 December) falls outside November.
            #expect(
                try await csv(app, Self.period("2026-11-01", "2026-11-30"), exact: true) == [
                    "intake,gender,decided,median_days,within_14_days,share_percent",
                    "\(intake),women,3,3.0,3,100.0", "\(intake),men,1,3.0,1,100.0", "\(intake),all,4,3.0,4,100.0",
                    "all,women,3,3.0,3,100.0", "all,men,1,3.0,1,100.0", "all,all,4,3.0,4,100.0",
                ])
        }
    }

    @Test("protected: no small count, no median or share beside a hidden count; page, CSV and command line agree")
    func protectedFigures() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            try await Self.decideInTwoBatches(app, clock: clock)
            let period = try Self.period("2026-11-01", "2026-12-31")
            let lines = try await csv(app, period, exact: false)
            let threshold = app.settings.disclosure.threshold
            for line in lines.dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                for column in [2, 4] {
                    if let count = Int(cells[column]) { #expect(count == 0 || count >= threshold, "\(line)") }
                }
                if Int(cells[2]) == nil { #expect(cells[3].isEmpty, "a hidden count's median: \(line)") }
                if !cells[5].isEmpty { #expect(Int(cells[2]) != nil && Int(cells[4]) != nil, "\(line)") }
            }
            #expect(lines.contains { $0.hasPrefix("all,men,<5,,") })
            let command = try await CommandLineReports.csv(name: "turnaround", from: "2026-11-01", to: "2026-12-31", exact: false, on: app)
            #expect(PlacementReportsTests.lines(command) == lines)
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let download = try await analyst.get("/reports/turnaround?from=2026-11-01&to=2026-12-31&format=csv")
            #expect(download.body.string == "\u{FEFF}" + command)
            for (language, title) in [
                ("sv", "Tid till beslut om behörighet"), ("en", "Time to an eligibility decision"), ("da", "Tid til afgørelse om egnethed"),
            ] {
                try await analyst.post("/language", form: ["language": language, "returnTo": "/reports"])
                let page = try await analyst.get("/reports/turnaround?from=2026-11-01&to=2026-12-31")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains(title), "\(language)")
                #expect(body.contains("<svg role=\"img\""))
                #expect(!body.contains("report.column."), "\(language): every column has its words")
            }
        }
    }
}
