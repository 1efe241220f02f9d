import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// The comparison of an intake's placed and not placed eligible applicants 3 months on, and the
/// register import that gives the not placed their status.
@Suite("Comparison report and applicant outcome import")
struct ComparisonReportTests {
    struct Applicant {
        let number: String
        let gender: Gender
        let applicationID: UUID
        let participantID: UUID
    }

    struct World {
        let intake: Intake
        let placedWomen: [Applicant]
        let placedMen: [Applicant]
        let otherWomen: [Applicant]
        let otherMen: [Applicant]
        let refused: Applicant
    }

    static let intakeName = "Jobbsprånget hösten 2026"

    /// An intake that closed on 15 February 2025 and placed people from 1 March to 30 June 2025
    /// (3-month horizon 30 September 2025). Eligible: 6 women and 5 men placed, 7 women and 4 men
    /// not placed; one man found not eligible. The placed have history placements in the period with
    /// 3-month outcomes: women work, work, studies, job seeking, referred back, unknown; men work,
    /// job seeking, job seeking, studies and one never measured.
    static func world(_ app: Application) async throws -> World {
        let (_, intake) = try await Fixtures.openIntake(app)
        var serial = 0
        func apply(_ gender: Gender) async throws -> Applicant {
            serial += 1
            let number = Fixtures.personNumber(year: 1991, month: 4 + serial / 28, day: serial % 28 + 1, serial: 300 + serial)
            let form = Fixtures.applicationForm(
                personNumber: number, firstName: gender == .man ? "Ali" : "Sara", lastName: "Test\(serial)", gender: gender)
            let application = try await Fixtures.application(app, intake: intake, form: form)
            return Applicant(
                number: number, gender: gender, applicationID: try application.requireID(), participantID: application.$participant.id)
        }
        var placedWomen: [Applicant] = [], placedMen: [Applicant] = [], otherWomen: [Applicant] = [], otherMen: [Applicant] = []
        for _ in 0..<6 { placedWomen.append(try await apply(.woman)) }
        for _ in 0..<5 { placedMen.append(try await apply(.man)) }
        for _ in 0..<7 { otherWomen.append(try await apply(.woman)) }
        for _ in 0..<4 { otherMen.append(try await apply(.man)) }
        let refused = try await apply(.man)
        let decisions = ScreeningDecisions(
            database: app.db, clock: app.clock,
            messages: ApplicantMessages(
                database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test"),
            actor: Fixtures.adminActor)
        let eligible = placedWomen + placedMen + otherWomen + otherMen
        _ = try await decisions.decide(eligible.map(\.applicationID), in: intake, as: .green, justification: "Behörig")
        _ = try await decisions.decide([refused.applicationID], in: intake, as: .red, justification: "Ej behörig")
        let sql = try app.db.sql
        try await sql.raw(
            """
            UPDATE intakes SET opens_on = '2025-01-01', closes_on = '2025-02-15', placement_start = '2025-03-01',
              placement_end = '2025-06-30' WHERE id = \(bind: try intake.requireID())
            """
        ).run()
        try await sql.raw(
            "UPDATE applications SET status = 'placed' WHERE id IN (\(binds: (placedWomen + placedMen).map(\.applicationID)))"
        ).run()
        let outcomes: [(Applicant, String)] =
            zip(placedWomen, ["work", "work", "studies", "job_seeking", "referred_back", "unknown"]).map { ($0, $1) }
            + zip(placedMen, ["work", "job_seeking", "job_seeking", "studies", ""]).map { ($0, $1) }
        let (plan, stored) = try await HistoryFixture.importRows(
            outcomes.map { applicant, status in
                HistoryFixture.Row(
                    person: applicant.number, gender: applicant.gender == .man ? "man" : "woman", birthYear: 1991,
                    start: "2025-03-10", end: "2025-06-10", threeMonths: status)
            }, on: app)
        #expect(stored != nil, "\(plan.problems)")
        return World(
            intake: intake, placedWomen: placedWomen, placedMen: placedMen, otherWomen: otherWomen, otherMen: otherMen,
            refused: refused)
    }

    /// The register's statuses of the not placed: women work, job seeking ×4, studies, unknown; men
    /// job seeking ×3, work.
    static func registerFile(_ world: World, delimiter: String = ",") -> String {
        let women = zip(world.otherWomen, ["work", "job_seeking", "job_seeking", "job_seeking", "job_seeking", "studies", "unknown"])
        let men = zip(world.otherMen, ["job_seeking", "job_seeking", "job_seeking", "work"])
        let rows = (Array(women) + Array(men)).map { "\($0.0.number)\(delimiter)\($0.1)" }
        return (["person_number\(delimiter)status"] + rows).joined(separator: "\n") + "\n"
    }

    static func importFile(_ content: String, _ world: World, on app: Application) async throws -> (
        ApplicantOutcomeImporter.Plan, ApplicantOutcomeImporter.Outcome?
    ) {
        let intakeID = try world.intake.requireID()
        return try await app.db.transaction { db in
            try await ApplicantOutcomeImporter(database: db, clock: app.clock).store(
                content, intakeID: intakeID, sourceName: "AF-register", by: .system("test"))
        }
    }

    static func period(_ from: String, _ to: String) throws -> PlacementReports.Period {
        PlacementReports.Period(from: try #require(CivilDate(iso8601: from)), to: try #require(CivilDate(iso8601: to)))
    }

    func csv(_ app: Application, exact: Bool) async throws -> [String] {
        let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
            .comparison, period: Self.period("2025-01-01", "2025-12-31"), exact: exact)
        return PlacementReportsTests.lines(PlacementReports.csv(table))
    }

    struct StoredOutcome: Decodable, Equatable {
        let status: String
        let source: String
        let source_name: String
        let measured_on: String
    }

    func stored(_ app: Application) async throws -> [StoredOutcome] {
        try await app.db.sql.raw("SELECT status, source, source_name, measured_on FROM applicant_outcomes ORDER BY status")
            .all(decoding: StoredOutcome.self)
    }

    @Test("import: stored for the eligible not placed, at the intake's 3-month horizon; the same file again changes nothing")
    func importAndIdempotence() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let (plan, outcome) = try await Self.importFile(Self.registerFile(world, delimiter: ";"), world, on: app)
            #expect(plan.problems.isEmpty && plan.fileProblem == nil, "\(plan.problems) \(plan.fileProblem ?? "")")
            #expect(outcome == .init(created: 11, changed: 0, unchanged: 0))
            let first = try await stored(app)
            #expect(first.count == 11)
            #expect(first.allSatisfy { $0.source == "register" && $0.source_name == "AF-register" && $0.measured_on == "2025-09-30" })
            let events = try await AuditEvent.query(on: app.db).filter(\.$recordType == AuditRecordKind.application.rawValue)
                .filter(\.$detail == "applicant outcome 3_months source=register").count()
            #expect(events == 11)

            let (_, again) = try await Self.importFile(Self.registerFile(world), world, on: app)
            #expect(again == .init(created: 0, changed: 0, unchanged: 11))
            #expect(try await stored(app) == first)

            // A changed status replaces the old one, audited.
            let changed = "person_number,status\n\(world.otherMen[0].number),work\n"
            let (_, replaced) = try await Self.importFile(changed, world, on: app)
            #expect(replaced == .init(created: 0, changed: 1, unchanged: 0))
            #expect(try await stored(app).count == 11)
            let updates = try await AuditEvent.query(on: app.db).filter(\.$recordID == world.otherMen[0].applicationID.uuidString)
                .filter(\.$action == AuditLog.Action.update.rawValue)
                .filter(\.$detail == "applicant outcome 3_months job_seeking→work source=register").count()
            #expect(updates == 1)
        }
    }

    @Test("import: every invalid row by line, a placed person refused with a clear message, and nothing stored")
    func invalidRowsAllOrNothing() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let file = """
                person_number,status
                \(world.otherWomen[0].number),work
                \(world.placedWomen[0].number),work
                \(world.refused.number),studies
                \(HistoryFixture.person(777, born: 1985)),work
                \(world.otherWomen[1].number),employed
                19910231-0000,work
                \(world.otherWomen[0].number),studies
                \(world.otherMen[0].number),

                """
            let (plan, outcome) = try await Self.importFile(file, world, on: app)
            #expect(outcome == nil)
            #expect(
                plan.problems.map { "\($0.line):\($0.column ?? ""):\($0.code)" } == [
                    "3:person_number:applicant-outcome.row.placed",
                    "4:person_number:applicant-outcome.row.not-eligible",
                    "5:person_number:applicant-outcome.row.not-an-applicant",
                    "6:status:applicant-outcome.row.status",
                    "7:person_number:applicant-outcome.row.person-number",
                    "8:person_number:applicant-outcome.row.duplicate",
                    "9:status:applicant-outcome.row.required",
                ])
            #expect(try await stored(app).isEmpty)

            // The command line says the same, in words.
            let summary = try await CommandLineApplicantOutcomes.importFile(
                file, intakeID: try world.intake.requireID(), sourceName: "AF", dryRun: false, on: app)
            #expect(!summary.imported && summary.problems.count == 7)
            #expect(summary.description.contains("line 3 (person_number): applicant-outcome.row.placed: this applicant was placed"))
            #expect(summary.description.contains("nothing imported"))
            #expect(try await stored(app).isEmpty)
        }
    }

    @Test("command line: imports a valid file; a dry run stores nothing; too early an intake is refused")
    func commandLine() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let intakeID = try world.intake.requireID()
            let dry = try await CommandLineApplicantOutcomes.importFile(
                Self.registerFile(world), intakeID: intakeID, sourceName: "AF", dryRun: true, on: app)
            #expect(!dry.imported && dry.problems.isEmpty)
            #expect(try await stored(app).isEmpty)
            let run = try await CommandLineApplicantOutcomes.importFile(
                Self.registerFile(world), intakeID: intakeID, sourceName: "AF", dryRun: false, on: app)
            #expect(run.imported && run.created == 11)
            #expect(run.description.hasSuffix("imported: 11 statuses created, 0 changed, 0 already stored"))
            // Before the horizon, a register cannot know the 3-month situation.
            try await app.db.sql.raw("UPDATE intakes SET placement_end = '2026-10-01' WHERE id = \(bind: intakeID)").run()
            let early = try await CommandLineApplicantOutcomes.importFile(
                Self.registerFile(world), intakeID: intakeID, sourceName: "AF", dryRun: false, on: app)
            #expect(early.fileProblem == "applicant-outcome.file.too-early" && !early.imported)
        }
    }

    @Test("exact figures against the hand-computed fixture, with Wilson intervals")
    func exactFigures() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            _ = try await Self.importFile(Self.registerFile(world), world, on: app)
            let i = Self.intakeName
            #expect(
                try await csv(app, exact: true) == [
                    "intake,group,gender,measured,ordinary_work_or_education,share_percent,ci_low_percent,ci_high_percent",
                    "\(i),placed,women,5,3,60.0,23.1,88.2", "\(i),placed,men,4,2,50.0,15.0,85.0", "\(i),placed,all,9,5,55.6,26.7,81.1",
                    "\(i),not_placed,women,6,2,33.3,9.7,70.0", "\(i),not_placed,men,4,1,25.0,4.6,69.9",
                    "\(i),not_placed,all,10,3,30.0,10.8,60.3",
                    "\(i),all,women,11,5,45.5,21.3,72.0", "\(i),all,men,8,3,37.5,13.7,69.4", "\(i),all,all,19,8,42.1,23.1,63.7",
                ])
            // Only intakes whose application window closed in the period.
            let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
                .comparison, period: Self.period("2025-03-01", "2025-12-31"), exact: true)
            #expect(table.rows.isEmpty)
        }
    }

    @Test("protected: no small count, no share or interval beside a hidden count; page in sv, en, da; CSV and command line agree")
    func protectedFigures() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            _ = try await Self.importFile(Self.registerFile(world), world, on: app)
            let lines = try await csv(app, exact: false)
            let threshold = app.settings.disclosure.threshold
            var hidden = 0
            for line in lines.dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                for column in [3, 4] {
                    if let count = Int(cells[column]) { #expect(count == 0 || count >= threshold, "\(line)") } else { hidden += 1 }
                }
                if Int(cells[3]) == nil || Int(cells[4]) == nil {
                    #expect(cells[5].isEmpty && cells[6].isEmpty && cells[7].isEmpty, "a share or interval beside a hidden count: \(line)")
                }
            }
            #expect(hidden > 0)
            #expect(lines.contains("\(Self.intakeName),all,all,19,8,42.1,23.1,63.7"))
            let command = try await CommandLineReports.csv(name: "comparison", from: "2025-01-01", to: "2025-12-31", exact: false, on: app)
            #expect(PlacementReportsTests.lines(command) == lines)

            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let download = try await analyst.get("/reports/comparison?from=2025-01-01&to=2025-12-31&format=csv")
            #expect(download.body.string == "\u{FEFF}" + command)
            for (language, title, notEffect) in [
                ("sv", "Sökande med och utan praktikplats efter 3 månader", "inte effekten av en praktik"),
                ("en", "Placed and not placed applicants 3 months on", "not the effect of a placement"),
                ("da", "Ansøgere med og uden praktikplads efter 3 måneder", "ikke effekten af en praktik"),
            ] {
                try await analyst.post("/language", form: ["language": language, "returnTo": "/reports"])
                // The account's language wins over the browser's.
                let page = try await analyst.get(
                    "/reports/comparison?from=2025-01-01&to=2025-12-31", headers: ["Accept-Language": language == "en" ? "sv" : "en"])
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains(title), "\(language)")
                #expect(body.contains(notEffect), "\(language)")
                #expect(body.contains("<svg role=\"img\""))
                #expect(!body.contains("report.column.") && !body.contains("report.group."), "\(language): every label has its words")
                for applicant in world.placedWomen + world.otherMen {
                    #expect(!body.contains(applicant.number), "no person number")
                }
            }
        }
    }

    @Test("erasure keeps the status for statistics, with nothing that identifies the person")
    func erasure() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            _ = try await Self.importFile(Self.registerFile(world), world, on: app)
            let person = world.otherWomen[0]
            let participant = try #require(try await Participant.find(person.participantID, on: app.db))
            try await ErasureService(database: app.db, clock: app.clock).erase(participant, by: .system("test"))
            struct Row: Decodable {
                let status: String
                let person_identifier: String?
                let first_name: String?
            }
            let rows = try await app.db.sql.raw(
                """
                SELECT ao.status, p.person_identifier, a.first_name FROM applicant_outcomes ao
                JOIN participants p ON p.id = ao.participant_id JOIN applications a ON a.id = ao.application_id
                WHERE ao.participant_id = \(bind: person.participantID)
                """
            ).all(decoding: Row.self)
            #expect(rows.count == 1)
            #expect(rows.first?.status == "work")
            #expect(rows.first?.person_identifier == nil && rows.first?.first_name == nil)
            // The table itself holds no name or number: only ids, codes and dates.
            #expect(try await stored(app).allSatisfy { !"\($0)".contains(person.number) })
            #expect(try await csv(app, exact: true).contains("\(Self.intakeName),all,all,19,8,42.1,23.1,63.7"))
        }
    }
}
