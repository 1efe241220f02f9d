import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// The `job-at-host` report against a hand-computed fixture imported through the history format.
@Suite("Job at the host report")
struct JobAtHostReportTests {
    /// Per purpose and gender: hired, not hired, unknown. One more placement ends after the period.
    static let counts: [(purpose: String, gender: String, hired: Int, notHired: Int, unknown: Int)] = [
        ("work_training", "woman", 6, 5, 1), ("work_training", "man", 2, 7, 5),
        ("language_practice", "woman", 0, 6, 5), ("language_practice", "man", 5, 5, 0), ("language_practice", "other", 1, 0, 0),
    ]

    static var rows: [HistoryFixture.Row] {
        var rows: [HistoryFixture.Row] = []
        var n = 0
        func add(_ purpose: String, _ gender: String, _ hired: String, end: String = "2025-03-31") {
            n += 1
            rows.append(
                HistoryFixture.Row(
                    person: HistoryFixture.person(n), gender: gender, purpose: purpose, start: "2025-01-01", end: end, hired: hired))
        }
        for count in counts {
            for _ in 0..<count.hired { add(count.purpose, count.gender, "yes") }
            for _ in 0..<count.notHired { add(count.purpose, count.gender, "no") }
            for _ in 0..<count.unknown { add(count.purpose, count.gender, "") }
        }
        add("work_training", "woman", "yes", end: "2026-01-31")
        return rows
    }

    func table(_ app: Application, exact: Bool) async throws -> PlacementReports.Table {
        try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
            .jobAtHost, period: try PlacementReportsTests.year2025(), exact: exact)
    }

    @Test("exact figures equal the hand-computed ones")
    func exactFigures() async throws {
        try await withPraktikApp { app in
            let (plan, outcome) = try await HistoryFixture.importRows(Self.rows, on: app)
            #expect(outcome?.placementsCreated == 49, "\(plan.problems)")
            #expect(
                PlacementReportsTests.lines(PlacementReports.csv(try await table(app, exact: true))) == [
                    "purpose,gender,ended,hired_by_host,not_hired,unknown,share_percent",
                    "language_practice,women,11,0,6,5,0.0", "language_practice,men,10,5,5,0,50.0",
                    "language_practice,all,22,6,11,5,35.3",
                    "work_training,women,12,6,5,1,54.5", "work_training,men,14,2,7,5,22.2", "work_training,all,26,8,12,6,40.0",
                    "all,women,23,6,11,6,35.3", "all,men,24,7,12,5,36.8", "all,all,48,14,23,11,37.8",
                ])
        }
    }

    @Test("protected: no small count shown, no share beside a hidden count, no hidden count follows from the published sums")
    func protectedFigures() async throws {
        try await withPraktikApp { app in
            try await HistoryFixture.importRows(Self.rows, on: app)
            let table = try await table(app, exact: false)
            let threshold = app.settings.disclosure.threshold
            for row in table.rows {
                for column in 2...5 {
                    if let value = Int(row[column]) { #expect(value == 0 || value >= threshold, "\(row)") }
                }
                // A share beside a hidden count would give it back: hired 6 and share 54.5 % say not hired is 5.
                if !row[6].isEmpty { #expect(Int(row[3]) != nil && Int(row[4]) != nil, "\(row)") }
            }
            let lines = PlacementReportsTests.lines(PlacementReports.csv(table))
            // Work training: the men hired (2) and the women whose answer is unknown (1) are small.
            #expect(lines.contains { $0.hasPrefix("work_training,men,") && $0.contains(",<5,") && $0.hasSuffix(",") })
            // The one person of other gender is not "all" minus women minus men in any direction.
            // (Its purpose's "all" row may be shown: then the men's hired are hidden, so 6 - 0 - men is not 1.)
            #expect(lines.contains { $0.hasPrefix("language_practice,men,x,x,") })
            // The published CSV is the core's marking of the same three-way table (whose protection a
            // brute-force reader tests in PraktikCoreTests), every protected published cell hidden.
            let purposes = ["language_practice", "work_training"]
            var counts = Array(repeating: Array(repeating: [0, 0, 0], count: 3), count: 2)
            for entry in Self.counts {
                let part = entry.gender == "woman" ? 0 : entry.gender == "man" ? 1 : 2
                counts[purposes.firstIndex(of: entry.purpose) ?? 0][part] = [entry.hired, entry.notHired, entry.unknown]
            }
            let threeWay = try ThreeWayTable(counts: counts, partCount: 3, answerCount: 3)
            let marking = app.settings.disclosure.protect(threeWay)
            #expect(marking.protected.allSatisfy { marking.marks[$0] != nil })
            for (rowIndex, purpose) in (purposes + ["all"]).enumerated() {
                for (gender, part) in [("women", 0), ("men", 1), ("all", nil)] as [(String, Int?)] {
                    let line = try #require(lines.first { $0.hasPrefix("\(purpose),\(gender),") })
                    let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    for (column, answer) in [(2, nil), (3, 0), (4, 1), (5, 2)] as [(Int, Int?)] {
                        let cell = ThreeWayTable.Cell(row: rowIndex < 2 ? rowIndex : nil, part: part, answer: answer)
                        #expect(cells[column] == marking.cell(cell, in: threeWay).text(threshold: threshold), "\(line) \(cell)")
                    }
                }
            }
            // The page names each purpose in the reader's language, never by its code.
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            for (language, names) in [
                ("sv", ["Språkpraktik", "Arbetsträning"]), ("en", ["Language practice", "Work training"]),
                ("da", ["Sprogpraktik", "Arbejdstræning"]),
            ] {
                try await analyst.post("/language", form: ["language": language, "returnTo": "/reports"])
                let page = try await analyst.get("/reports/job-at-host?from=2025-01-01&to=2025-12-31")
                #expect(page.status == .ok)
                let body = page.body.string
                for name in names { #expect(body.contains(name), "\(language): \(name)") }
                #expect(!body.contains("language_practice") && !body.contains("work_training"), "\(language): no purpose code")
            }
        }
    }
}
