import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// The board's compilation against counts worked out by hand (see each placement's comment).
@Suite("Employer compilation")
struct CompilationTests {
    struct World {
        let unitA: OrganisationUnit
        let unitB: OrganisationUnit
        let employer1: Employer
        let employer2: Employer
        let place1: Place
        let place3: Place
    }

    /// Period 2026-01-01 – 2026-06-30.
    /// Employer 1 (private, Kista, unit A, external): A woman hired, B woman, C man, E not stated count; D cancelled and
    /// F after the period do not. Employer 2 (public, Skärholmen, unit B, in-house): G man twice, once hired.
    /// Employer 3: H's actual period was moved out of the period, so it does not count.
    func world(_ app: Application) async throws -> World {
        let unitA = try await Fixtures.unit(app, code: "JT-A", name: "Jobbtorg A")
        let unitB = try await Fixtures.unit(app, code: "JT-B", name: "Jobbtorg B")
        let employer1 = try await Fixtures.employer(app, name: "Ett AB", number: Fixtures.organisationNumber(1), sector: .private)
        let employer2 = try await Fixtures.employer(app, name: "Två kommun", number: Fixtures.organisationNumber(2), sector: .public)
        let employer3 = try await Fixtures.employer(app, name: "Tre förening", number: Fixtures.organisationNumber(3), sector: .nonProfit)
        let place1 = try await Fixtures.place(
            app, at: try await Fixtures.workplace(app, of: employer1, district: "Kista"), unit: unitA, regime: .external)
        let place2 = try await Fixtures.place(
            app, at: try await Fixtures.workplace(app, of: employer2, district: "Skärholmen"), unit: unitB, regime: .inHouse)
        let place3 = try await Fixtures.place(app, at: try await Fixtures.workplace(app, of: employer3, district: "Kista"), unit: unitA)

        func person(_ gender: Gender, _ unit: OrganisationUnit = unitA) async throws -> Participant {
            try await Fixtures.participant(app, unit: unit, gender: gender)
        }
        // A
        try await Fixtures.placement(app, of: try await person(.woman), at: place1, start: "2026-02-01", end: "2026-05-31", hired: true)
        // B
        try await Fixtures.placement(app, of: try await person(.woman), at: place1, start: "2025-11-01", end: "2026-01-15", hired: false)
        // C
        try await Fixtures.placement(app, of: try await person(.man), at: place1, start: "2026-06-30", end: "2026-10-31", status: .active)
        try await Fixtures.placement(
            app, of: try await person(.other), at: place1, start: "2026-03-01", end: "2026-06-30", status: .cancelled)  // D
        try await Fixtures.placement(
            app, of: try await person(.notStated), at: place1, start: "2025-01-01", end: "2025-12-31", actualStart: "2025-01-01",
            actualEnd: "2026-01-10")  // E
        // F
        try await Fixtures.placement(app, of: try await person(.man), at: place1, start: "2026-07-01", end: "2026-09-30", status: .planned)
        let g = try await person(.man, unitB)
        try await Fixtures.placement(app, of: g, at: place2, start: "2026-04-01", end: "2026-07-31", status: .active, hired: true)  // G
        try await Fixtures.placement(app, of: g, at: place2, start: "2026-01-01", end: "2026-02-28")  // G again
        try await Fixtures.placement(
            app, of: try await person(.woman), at: place3, start: "2026-01-10", end: "2026-03-10", actualStart: "2026-07-05",
            actualEnd: "2026-09-01")  // H
        return World(unitA: unitA, unitB: unitB, employer1: employer1, employer2: employer2, place1: place1, place3: place3)
    }

    func filter(_ from: String = "2026-01-01", _ to: String = "2026-06-30") throws -> EmployerCompilation.Filter {
        EmployerCompilation.Filter(from: try #require(CivilDate(iso8601: from)), to: try #require(CivilDate(iso8601: to)))
    }

    let byName = SQLSort(requested: "name", allowed: EmployerCompilation.sortColumns, default: "name")

    @Test("counts per employer and in total match the hand count")
    func counts() async throws {
        try await withPraktikApp { app in
            _ = try await world(app)
            let compilation = EmployerCompilation(sql: try app.db.sql)
            let (rows, totals) = try await compilation.rows(try filter(), sort: byName, limit: nil)
            #expect(rows.map(\.name) == ["Ett AB", "Två kommun"])
            let one = rows[0], two = rows[1]
            #expect([one.placements, one.women, one.men, one.other, one.not_stated, one.hires] == [4, 2, 1, 0, 1, 1] as [Int])
            #expect([two.placements, two.women, two.men, two.other, two.not_stated, two.hires] == [2, 0, 2, 0, 0, 1] as [Int])
            #expect(one.units == ["Jobbtorg A"])
            #expect(one.regimes == ["external"])
            #expect(one.districts == ["Kista"])
            #expect(two.regimes == ["in_house"])
            #expect(
                [totals.employers, totals.placements, totals.women, totals.men, totals.other, totals.not_stated, totals.hires] == [
                    2, 6, 2, 3, 0, 1, 2,
                ] as [Int])
        }
    }

    @Test("filters by unit, regime, sector and district; sorts by a measure")
    func filters() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let compilation = EmployerCompilation(sql: try app.db.sql)
            var byUnit = try filter()
            byUnit.unitID = w.unitB.id
            #expect(try await compilation.rows(byUnit, sort: byName, limit: nil).rows.map(\.name) == ["Två kommun"])
            var byRegime = try filter()
            byRegime.regime = .external
            #expect(try await compilation.rows(byRegime, sort: byName, limit: nil).rows.map(\.name) == ["Ett AB"])
            var bySector = try filter()
            bySector.sector = .public
            #expect(try await compilation.rows(bySector, sort: byName, limit: nil).rows.map(\.name) == ["Två kommun"])
            var byDistrict = try filter()
            byDistrict.district = "Kista"
            #expect(try await compilation.rows(byDistrict, sort: byName, limit: nil).rows.map(\.name) == ["Ett AB"])
            let fewestFirst = SQLSort(requested: "placements", allowed: EmployerCompilation.sortColumns, default: "name")
            #expect(try await compilation.rows(try filter(), sort: fewestFirst, limit: nil).rows.map(\.name) == ["Två kommun", "Ett AB"])
            // A later period: C, F (planned), G and H's moved period.
            let autumn = try await compilation.rows(try filter("2026-07-01", "2026-12-31"), sort: byName, limit: nil)
            #expect(autumn.rows.map(\.name) == ["Ett AB", "Tre förening", "Två kommun"])
            #expect(autumn.totals.placements == 4)
        }
    }

    @Test("staff see exact counts; an analyst sees small counts as <5 and no links to employers")
    func pageAndSuppression() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (staff, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            let page = try await staff.get("/employers/compilation?from=2026-01-01&to=2026-06-30")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Ett AB"))
            #expect(page.body.string.contains("/employers/\(try w.employer1.requireID().uuidString)"))
            #expect(!page.body.string.contains("&lt;5"))

            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let suppressed = try await analyst.get("/employers/compilation?from=2026-01-01&to=2026-06-30")
            #expect(suppressed.status == .ok)
            #expect(suppressed.body.string.contains("&lt;5"))
            #expect(!suppressed.body.string.contains("/employers/\(try w.employer1.requireID().uuidString)"))
            #expect(!suppressed.body.string.contains("<a href=\"\">"))
            let csv = try await analyst.get("/employers/compilation.csv?from=2026-01-01&to=2026-06-30")
            #expect(csv.status == .ok)
            let lines = csv.body.string.split(separator: "\r\n")
            let one = try #require(lines.first { $0.contains("Ett AB") })
            // Four placements: a small row, shown with no split at all.
            #expect(one.contains(",<5,x,x,x,x,x,"))
            let staffCSV = try await staff.get("/employers/compilation.csv?from=2026-01-01&to=2026-06-30")
            let exact = try #require(staffCSV.body.string.split(separator: "\r\n").first { $0.contains("Ett AB") })
            #expect(exact.contains(",4,2,1,0,1,1,"))
        }
    }

    @Test("an inverted period is refused")
    func invertedPeriod() async throws {
        try await withPraktikApp { app in
            let (staff, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            #expect(try await staff.get("/employers/compilation?from=2026-06-30&to=2026-01-01").status == .badRequest)
        }
    }

    /// On 2026-07-15 with a year's look-back, by hand from `world`: Ett AB has A, B, C, E and F in
    /// the window (D is cancelled), A hired, C and F running; Två kommun has G twice (the same
    /// person at one workplace), the first hired and running; Tre förening has H, running by its
    /// actual dates although its planned ones ended in March. Added here: J placed twice at Tre
    /// förening in 2023, a repeat that ended before the window and no longer counts; K placed at Ett
    /// AB in 2023 and again from August, so that pair counts twice (the later placement is in the
    /// window but has not started, so the window's other counts do not change).
    @Test("misuse signals: each employer's counts match the hand count, for all employers and for one")
    func signalCounts() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let unit = try await Fixtures.unit(app, code: "JT-C", name: "Jobbtorg C")
            let j = try await Fixtures.participant(app, unit: unit, gender: .woman)
            try await Fixtures.placement(app, of: j, at: w.place3, start: "2023-01-09", end: "2023-03-31")
            try await Fixtures.placement(app, of: j, at: w.place3, start: "2023-05-02", end: "2023-06-30")
            let k = try await Fixtures.participant(app, unit: unit, gender: .man)
            try await Fixtures.placement(app, of: k, at: w.place1, start: "2023-02-01", end: "2023-04-30")
            try await Fixtures.placement(app, of: k, at: w.place1, start: "2026-08-03", end: "2026-10-30", status: .planned)
            let service = MisuseSignalService(
                sql: try app.db.sql, thresholds: .standard, today: try #require(CivilDate(iso8601: "2026-07-15")), now: app.clock.now())
            let expected: [String: MisuseSignals.Activity] = [
                "Ett AB": .init(
                    mostPlacementsOfOneParticipantAtOneWorkplace: 2, internsInWindow: 5, hiresInWindow: 1, currentInterns: 2),
                "Två kommun": .init(
                    mostPlacementsOfOneParticipantAtOneWorkplace: 2, internsInWindow: 2, hiresInWindow: 1, currentInterns: 1),
                "Tre förening": .init(
                    mostPlacementsOfOneParticipantAtOneWorkplace: 1, internsInWindow: 1, hiresInWindow: 0, currentInterns: 1),
            ]
            let employers = try await Employer.query(on: app.db).all()
            for employer in employers {
                let (activity, _) = try await service.signals(of: employer)
                #expect(activity == expected[employer.name].map { withEmployees($0, employer.employees) }, "\(employer.name)")
            }
            let flagged = try await service.flagged()
            for row in flagged {
                #expect(row.activity == expected[row.name].map { withEmployees($0, row.activity.employees) }, "\(row.name)")
            }
            #expect(flagged.contains { $0.employerID == (try? w.employer2.requireID()) })
        }
    }

    /// On every case worker's start page: the placements are read through the last day's index,
    /// from the window's start on, never all of them, and each one's repeats are counted in the
    /// participant's index alone (4.1 s after a 1,000,000-placement import when it grouped them all).
    @Test("misuse signals on SQLite read the window's placements by their last day and count repeats in an index")
    func signalPlan() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            guard sql.dialect.name == "sqlite" else { return }
            _ = try await world(app)
            let recorder = StatementRecorder(recording: sql)
            let service = MisuseSignalService(
                sql: recorder, thresholds: .standard, today: try #require(CivilDate(iso8601: "2026-07-15")), now: app.clock.now())
            _ = try await service.flagged()
            let placementStatements = recorder.statements.filter {
                $0.sql.contains("FROM placements pl") || $0.sql.contains(" placements pl ")
            }
            #expect(placementStatements.count == 1)
            for statement in placementStatements {
                let plan = try await sqlitePlan(of: statement, on: sql)
                #expect(!plan.contains { $0.hasPrefix("SCAN pl") }, "\(plan)")
                #expect(plan.contains { $0.hasPrefix("SEARCH pl USING INDEX placements_last_day_idx") }, "\(plan)")
                #expect(plan.contains { $0.hasPrefix("SEARCH same USING COVERING INDEX placements_participant_idx") }, "\(plan)")
            }
        }
    }

    private func withEmployees(_ activity: MisuseSignals.Activity, _ employees: Int?) -> MisuseSignals.Activity {
        var activity = activity
        activity.employees = employees
        return activity
    }

    @Test("misuse signals: the same participant placed twice at one workplace is flagged")
    func signals() async throws {
        try await withPraktikApp { app in
            let w = try await world(app)
            let (staff, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            let list = try await staff.get("/employers/signals")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Två kommun"))
            #expect(!list.body.string.contains("Ett AB"))
            let page = try await staff.get("/employers/\(try w.employer2.requireID().uuidString)")
            #expect(page.body.string.contains("Samma deltagare placerad flera gånger"))
        }
    }
}
