import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Intake: the funnel")
struct FunnelTests {
    /// A hand-counted intake: 7 women and 6 men applied. Women: 4 green (2 offered, 1 decided),
    /// 2 orange, 1 red. Men: 2 green (1 offered), 1 orange, 3 red.
    func fixture(_ app: Application) async throws -> Intake {
        let (_, intake) = try await Fixtures.openIntake(app)
        let plan: [(Gender, EligibilityColour, Bool, Bool)] = [
            (.woman, .green, true, true), (.woman, .green, true, false), (.woman, .green, false, false), (.woman, .green, false, false),
            (.woman, .orange, false, false), (.woman, .orange, false, false), (.woman, .red, false, false),
            (.man, .green, true, false), (.man, .green, false, false), (.man, .orange, false, false), (.man, .red, false, false),
            (.man, .red, false, false), (.man, .red, false, false),
        ]
        for (index, (gender, colour, offered, decided)) in plan.enumerated() {
            var form = Fixtures.applicationForm(firstName: "F\(index)", gender: gender)
            switch colour {
            case .orange: form["permitKind"] = "pending"
            case .red: form["birthRegion"] = "sweden"
            case .green: break
            }
            let application = try await Fixtures.application(app, intake: intake, form: form)
            #expect(application.colour == colour.rawValue)
            let outcomes = ApplicationOutcomes(database: app.db, clock: app.clock)
            if offered {
                application.status = ApplicationStatus.eligible.rawValue
                try await application.save(on: app.db)
                try await outcomes.recordOffer(
                    participantID: application.$participant.id, intakeID: try intake.requireID(), actor: Fixtures.adminActor)
            }
            if decided {
                try await outcomes.recordPlacementDecision(
                    participantID: application.$participant.id, intakeID: try intake.requireID(), actor: Fixtures.adminActor)
            }
        }
        return intake
    }

    @Test("the funnel by gender against a hand-computed fixture")
    func handComputed() async throws {
        try await withPraktikApp { app in
            let intake = try await fixture(app)
            let funnel = try await FunnelService(sql: try app.db.sql).funnel(of: try intake.requireID())
            let expected: [IntakeFunnel.Stage: (Int, Int)] = [
                .invited: (0, 0), .applied: (7, 6), .green: (4, 2), .orange: (2, 1), .red: (1, 3), .offered: (2, 1), .decided: (1, 0),
            ]
            for (stage, (women, men)) in expected {
                #expect(funnel.count(stage, .woman) == women, "\(stage) women")
                #expect(funnel.count(stage, .man) == men, "\(stage) men")
                #expect(funnel.total(stage) == women + men, "\(stage) total")
            }
            let csv = try await CommandLineFunnel.csv(intakeID: try intake.requireID(), exact: true, on: app)
            let lines = csv.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "intake_id,intake_name,stage,women,men,other,not_stated,total")
            #expect(lines.contains { $0.hasSuffix(",green,4,2,0,0,6") })
            #expect(lines.contains { $0.hasSuffix(",applied,7,6,0,0,13") })
            #expect(lines.count == 8)
        }
    }

    @Test("the funnel report: every intake closed in the period, by gender, protected as on the intake's page")
    func frameworkReport() async throws {
        try await withPraktikApp { app in
            let intake = try await fixture(app)
            let name = intake.name
            func period(_ from: String, _ to: String) throws -> PlacementReports.Period {
                PlacementReports.Period(from: try #require(CivilDate(iso8601: from)), to: try #require(CivilDate(iso8601: to)))
            }
            let reports = PlacementReports(database: app.db, policy: app.settings.disclosure, clock: app.clock)
            let exact = PlacementReportsTests.lines(
                PlacementReports.csv(try await reports.table(.funnel, period: period("2026-12-01", "2026-12-31"), exact: true)))
            #expect(exact.first == "intake,stage,gender,people,share_percent")
            #expect(exact.count == 1 + 7 * 3)
            #expect(exact.contains("\(name),applied,women,7,"))
            #expect(exact.contains("\(name),green,women,4,57.1"))
            #expect(exact.contains("\(name),green,men,2,33.3"))
            #expect(exact.contains("\(name),red,all,4,30.8"))
            #expect(exact.contains("\(name),decided,men,0,0.0"))
            // The intake closes on 15 December: a period that ends before leaves it out.
            #expect(try await reports.table(.funnel, period: period("2026-11-01", "2026-12-14"), exact: true).rows.isEmpty)

            // Protected: the same cells as the intake's own page hides, and no share beside a hidden count.
            let protected = PlacementReportsTests.lines(
                PlacementReports.csv(try await reports.table(.funnel, period: period("2026-12-01", "2026-12-31"), exact: false)))
            let cells = try await FunnelService(sql: try app.db.sql).funnel(of: try intake.requireID()).disclosed(
                by: app.settings.disclosure)
            for stage in IntakeFunnel.Stage.allCases {
                for (gender, column) in [("women", Gender.woman), ("men", .man)] as [(String, Gender?)] + [("all", nil)] {
                    let line = try #require(protected.first { $0.hasPrefix("\(name),\(stage.rawValue),\(gender),") })
                    let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    let cell = try #require(cells[IntakeFunnel.Position(stage: stage, gender: column)])
                    #expect(fields[3] == cell.text(threshold: app.settings.disclosure.threshold), "\(line)")
                    if Int(fields[3]) == nil { #expect(fields[4].isEmpty, "\(line)") }
                }
            }
            let command = try await CommandLineReports.csv(name: "funnel", from: "2026-12-01", to: "2026-12-31", exact: false, on: app)
            #expect(PlacementReportsTests.lines(command) == protected)
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            for language in AppLanguage.allCases {
                try await analyst.post("/language", form: ["language": language.tag, "returnTo": "/reports"])
                let page = try await analyst.get("/reports/funnel?from=2026-12-01&to=2026-12-31")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains(app.translations.text(for: "report.funnel.title", in: language)))
                #expect(body.contains(app.translations.text(for: "funnel.stage.orange", in: language)))
                #expect(body.contains("<svg role=\"img\""))
                #expect(!body.contains("report.column.") && !body.contains(">orange<"), "\(language): words, not codes")
            }
        }
    }

    @Test("analysts see small numbers hidden, on the page, in the CSV and from the command; staff see them exact")
    func suppression() async throws {
        try await withPraktikApp { app in
            let intake = try await fixture(app)
            let id = try intake.requireID()
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let page = try await analyst.get("/intakes/\(id)/funnel")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("&lt;5"))
            let csv = try await analyst.get("/intakes/\(id)/funnel.csv")
            #expect(csv.headers.contentType?.description.contains("text/csv") == true)
            #expect(csv.body.string.contains("<5"))
            #expect(!csv.body.string.contains(",green,4,"))
            let command = try await CommandLineFunnel.csv(intakeID: id, exact: false, on: app)
            #expect(command == csv.body.string.replacingOccurrences(of: "\u{FEFF}", with: ""))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$recordType == "intake_funnel").count() == 1)

            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            let exact = try await admin.get("/intakes/\(id)/funnel")
            #expect(!exact.body.string.contains("&lt;5"))
            await #expect(throws: CommandLineFunnel.UnknownIntake.self) {
                try await CommandLineFunnel.csv(intakeID: UUID(), exact: true, on: app)
            }
        }
    }

    @Test("turnaround: days from application to first decision are stored and their median shown")
    func turnaround() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let (_, intake) = try await Fixtures.openIntake(app)
            let application = try await Fixtures.application(app, intake: intake)
            clock.advance(by: 3 * 86_400)
            let decisions = ScreeningDecisions(
                database: app.db, clock: app.clock,
                messages: ApplicantMessages(
                    database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test"),
                actor: Fixtures.adminActor)
            _ = try await decisions.decide([try application.requireID()], in: intake, as: .green, justification: "OK")
            let days = try await FunnelService(sql: try app.db.sql).daysToDecision(of: try intake.requireID())
            #expect(days.count == 1)
            #expect(abs((days.first ?? 0) - 3) < 0.01)
        }
    }
}
