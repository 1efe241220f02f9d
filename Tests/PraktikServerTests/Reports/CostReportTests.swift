import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// The `costs` report against a hand-computed fixture: amounts from the history format and payments
/// stored by period, allocated to the placement days they overlap.
@Suite("Costs report")
struct CostReportTests {
    /// P7 ends after the period; P3 has no amount; P6 is of another gender; P5 draws aktivitetsstöd.
    static let rows: [HistoryFixture.Row] = [
        row(1, "woman", "2025-01-01", "2025-03-31", atExit: "work", paid: "3000"),
        row(2, "woman", "2025-02-01", "2025-04-30", atExit: "studies", paid: "1500.5"),
        row(3, "woman", "2025-03-01", "2025-05-31", atExit: "referred_back", paid: ""),
        row(4, "man", "2025-04-01", "2025-06-30", atExit: "work", paid: "2000.00"),
        row(5, "man", "2025-05-01", "2025-07-31", benefit: "aktivitetsstod", atExit: "unknown", paid: "1000"),
        row(6, "other", "2025-06-01", "2025-08-31", atExit: "work", paid: "999.99"),
        row(7, "woman", "2025-11-01", "2026-01-31", atExit: "work", paid: "5000"),
    ]

    static func row(
        _ n: Int, _ gender: String, _ start: String, _ end: String, benefit: String = "forsorjningsstod", atExit: String, paid: String
    ) -> HistoryFixture.Row {
        HistoryFixture.Row(
            person: HistoryFixture.person(n), gender: gender, benefit: benefit, start: start, end: end, atExit: atExit, paid: paid)
    }

    /// Payments stored by period, not tied to a placement: P1's 100.00 over 2024-12-17..2025-01-15
    /// (15 of 30 days in the placement: 50.00), P2's 10.00 over 2025-04-28..2025-05-04 (3 of 7 days:
    /// 4.2857, so 4.29), P4's 600.00 over 2025-06-01..2025-07-30 (30 of 60 days: 300.00).
    static func storePeriodPayments(on app: Application) async throws {
        // Each fixture placement starts on its own day, which finds its participant.
        for (placementStart, start, end, amount) in [
            ("2025-01-01", "2024-12-17", "2025-01-15", Int64(10_000)), ("2025-02-01", "2025-04-28", "2025-05-04", 1_000),
            ("2025-04-01", "2025-06-01", "2025-07-30", 60_000),
        ] {
            struct ID: Decodable { let participant_id: UUID }
            let participant = try #require(
                try await app.db.sql.raw("SELECT participant_id FROM placements WHERE planned_start = \(bind: placementStart)")
                    .first(decoding: ID.self))
            let payment = BenefitPayment()
            payment.$participant.id = participant.participant_id
            payment.benefitType = "forsorjningsstod"
            payment.periodStart = start
            payment.periodEnd = end
            payment.amountMinor = amount
            payment.currency = "SEK"
            payment.source = "register"
            payment.createdAt = Date()
            try await payment.create(on: app.db)
        }
    }

    func table(_ app: Application, exact: Bool) async throws -> PlacementReports.Table {
        try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
            .costs, period: try PlacementReportsTests.year2025(), exact: exact)
    }

    @Test("exact figures equal the hand-computed ones, payments by period allocated to the placement's days")
    func exactFigures() async throws {
        try await withPraktikApp { app in
            let (plan, outcome) = try await HistoryFixture.importRows(Self.rows, on: app)
            #expect(outcome?.placementsCreated == 7, "\(plan.problems)")
            try await Self.storePeriodPayments(on: app)
            let table = try await table(app, exact: true)
            #expect(
                PlacementReportsTests.lines(PlacementReports.csv(table)) == [
                    "benefit_type,gender,placements,benefit_paid,per_placement",
                    "aktivitetsstod,women,0,0.00,", "aktivitetsstod,men,1,1000.00,1000.00", "aktivitetsstod,all,1,1000.00,1000.00",
                    "forsorjningsstod,women,3,4554.79,1518.26", "forsorjningsstod,men,1,2300.00,2300.00",
                    "forsorjningsstod,all,5,7854.78,1570.96",
                    "all,women,3,4554.79,1518.26", "all,men,2,3300.00,1650.00", "all,all,6,8854.78,1475.80",
                ])
            // The page's extra columns: work or studies at exit, and the cost per such outcome.
            #expect(table.pageHeader == ["positive_outcomes", "per_positive_outcome"])
            #expect(table.pageRows[3] == ["2", "2277.40"])
            #expect(table.pageRows[8] == ["4", "2213.70"])
            #expect(table.pageRows[1] == ["0", ""])
        }
    }

    @Test("amounts on the page are whole kronor written the reader's way; hidden marks stay")
    func moneyOnThePage() {
        func display(_ language: AppLanguage) -> ReportDisplay {
            ReportDisplay(translate: { $0 }, formatting: LocalFormatting(language: language), purposeNames: [:])
        }
        #expect(display(.swedish).money("8854.78") == "8\u{00A0}855")
        #expect(display(.english).money("1715992.49") == "1,715,992")
        #expect(display(.danish).money("1234.50") == "1.235")
        #expect(display(.swedish).money(DisclosedCell.withheldMark) == DisclosedCell.withheldMark)
        #expect(display(.swedish).money("") == "")
        #expect(display(.english).cell(column: "per_placement", value: "1475.80").text == "1,476")
        #expect(display(.english).cell(column: "placements", value: "<5").text == "<5")
    }

    @Test("the allocation in SQL is the rule in PraktikCore, over partial periods")
    func allocationMatchesTheRule() throws {
        func date(_ text: String) throws -> CivilDate { try #require(CivilDate(iso8601: text)) }
        let placement = try date("2025-01-01")...date("2025-03-31")
        #expect(
            BenefitAllocation.allocated(amountMinor: 10_000, payment: try date("2024-12-17")...date("2025-01-15"), placement: placement)
                == 5_000)
        #expect(
            BenefitAllocation.allocated(
                amountMinor: 1_000, payment: try date("2025-04-28")...date("2025-05-04"),
                placement: try date("2025-02-01")...date("2025-04-30")) == 429)
        #expect(
            BenefitAllocation.allocated(amountMinor: 1_000, payment: try date("2025-04-01")...date("2025-04-30"), placement: placement) == 0
        )
        #expect(
            BenefitAllocation.allocated(amountMinor: 1_000, payment: try date("2025-02-01")...date("2025-02-28"), placement: placement)
                == 1_000)
        #expect(BenefitAllocation.mean(785_478, over: 5) == 157_096)
        #expect(BenefitAllocation.mean(1, over: 0) == nil)
    }

    @Test("a hidden count hides its sum and its mean; the page, the CSV and the command line agree")
    func protectedFigures() async throws {
        try await withPraktikApp { app in
            try await HistoryFixture.importRows(Self.rows, on: app)
            try await Self.storePeriodPayments(on: app)
            let table = try await table(app, exact: false)
            let threshold = app.settings.disclosure.threshold
            for row in table.rows {
                if let count = Int(row[2]) {
                    #expect(count == 0 || count >= threshold, "\(row)")
                    #expect(row[3] != DisclosedCell.withheldMark, "\(row)")
                } else {
                    #expect(row[3] == DisclosedCell.withheldMark && row[4].isEmpty, "a hidden count's sum and mean: \(row)")
                }
            }
            let lines = PlacementReportsTests.lines(PlacementReports.csv(table))
            #expect(lines.contains("forsorjningsstod,women,<5,x,"))
            #expect(!lines.contains { $0.contains("4554.79") || $0.contains("2300.00") })
            let command = try await CommandLineReports.csv(name: "costs", from: "2025-01-01", to: "2025-12-31", exact: false, on: app)
            #expect(command == PlacementReports.csv(table))
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let csv = try await analyst.get("/reports/costs?from=2025-01-01&to=2025-12-31&format=csv&separator=semicolon")
            #expect(csv.body.string == "\u{FEFF}" + command.replacingOccurrences(of: ",", with: ";"))
            for language in ["sv", "en", "da"] {
                try await analyst.post("/language", form: ["language": language, "returnTo": "/reports"])
                let page = try await analyst.get("/reports/costs?from=2025-01-01&to=2025-12-31")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains("<svg role=\"img\""))
                #expect(!body.contains("report.column."), "\(language): every column has its words")
            }
        }
    }
}
