import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// The probe that found 288 cells: the analyst's compilation over many filters, attacked with
/// every equation the published CSV offers (`DisclosureAudit`), against the exact counts.
@Suite("Employer compilation: disclosure under attack")
struct CompilationDisclosureTests {
    /// 24 employers of 1 to 15 placements in two halves of 2026, two units, two districts,
    /// both sectors; genders and hires in a fixed pattern that leaves many small cells.
    func world(_ app: Application) async throws -> (OrganisationUnit, OrganisationUnit) {
        let unitA = try await Fixtures.unit(app, code: "JT-A", name: "Jobbtorg A")
        let unitB = try await Fixtures.unit(app, code: "JT-B", name: "Jobbtorg B")
        let sizes = [1, 2, 3, 4, 1, 6, 7, 12, 1, 2, 5, 9, 3, 1, 15, 4, 2, 8, 1, 3, 6, 11, 2, 1]
        let genders: [Gender] = [.woman, .man, .woman, .woman, .man, .notStated, .man, .woman, .other, .man]
        var next = 0
        for (index, size) in sizes.enumerated() {
            let employer = try await Fixtures.employer(
                app, name: String(format: "Arbetsgivare %02d", index), number: Fixtures.organisationNumber(index + 10),
                sector: index % 3 == 0 ? .public : .private)
            let unit = index % 2 == 0 ? unitA : unitB
            let place = try await Fixtures.place(
                app, at: try await Fixtures.workplace(app, of: employer, district: index % 4 < 2 ? "Kista" : "Skärholmen"), unit: unit,
                regime: index % 5 == 0 ? .inHouse : .external)
            for person in 0..<size {
                let participant = try await Fixtures.participant(app, unit: unit, gender: genders[next % genders.count])
                next += 1
                let spring = (person + index) % 3 != 0
                try await Fixtures.placement(
                    app, of: participant, at: place, start: spring ? "2026-02-01" : "2026-08-01",
                    end: spring ? "2026-04-30" : "2026-10-31", hired: (person * 7 + index) % 4 == 0)
            }
        }
        return (unitA, unitB)
    }

    struct Published {
        let name: String
        /// Placements, women, men, other, not stated, hires as the CSV shows them.
        let cells: [String]
    }

    func published(_ csv: String) -> [Published] {
        csv.split(separator: "\r\n").dropFirst().map { line in
            let columns = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Published(name: columns[0], cells: Array(columns[3...8]))
        }
    }

    func mark(_ text: String) -> DisclosedCell? {
        switch text {
        case "<5": .small
        case DisclosedCell.withheldMark: .withheld
        default: nil
        }
    }

    @Test("no hidden count can be worked out from the analyst's CSV, whatever the filter")
    func auditOverFilters() async throws {
        try await withPraktikApp { app in
            let (unitA, unitB) = try await world(app)
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            let compilation = EmployerCompilation(sql: try app.db.sql)
            let byName = SQLSort(requested: "name", allowed: EmployerCompilation.sortColumns, default: "name")
            let filters: [EmployerCompilation.Filter] = try [
                filter(), filter(to: "2026-06-30"), filter(from: "2026-07-01"), filter(unit: unitA.requireID()),
                filter(unit: unitB.requireID()), filter(district: "Kista"), filter(sector: .public), filter(regime: .external),
                filter(to: "2026-06-30", unit: unitA.requireID()), filter(from: "2026-07-01", sector: .private, district: "Skärholmen"),
            ]
            var hiddenSeen = 0, withheldSeen = 0
            for filter in filters {
                var base = "from=\(filter.from)&to=\(filter.to)&district=\(filter.district)"
                base +=
                    "&unit=\(filter.unitID?.uuidString ?? "")&sector=\(filter.sector?.rawValue ?? "")&regime=\(filter.regime?.rawValue ?? "")"
                base = base.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? base
                let response = try await analyst.get("/employers/compilation.csv?" + base)
                #expect(response.status == .ok)
                let rows = published(response.body.string)
                let exact = try await compilation.rows(filter, sort: byName, limit: nil).rows
                #expect(rows.map(\.name) == exact.map(\.name), "\(base)")
                guard rows.count == exact.count else { continue }
                let table = try CountTable(
                    partCount: 4, measureCount: 1,
                    rows: exact.map {
                        CountTable.Row(total: $0.placements, parts: [$0.women, $0.men, $0.other, $0.not_stated], measures: [$0.hires])
                    })
                var marks: [CountTable.Position: DisclosedCell] = [:]
                var protected: Set<CountTable.Position> = []
                let columns: [CountTable.Position.Column] = [.total, .part(0), .part(1), .part(2), .part(3), .measure(0)]
                for (index, row) in rows.enumerated() {
                    let smallRow = row.cells[0] == "<5"
                    for (column, text) in zip(columns, row.cells) {
                        let position = CountTable.Position(row: index, column: column)
                        let value = table.value(at: position)
                        if let cell = mark(text) {
                            marks[position] = cell
                            if cell == .small || (smallRow && value > 0) { protected.insert(position) }
                            #expect(cell != .small || (1..<5).contains(value), "a \"<5\" that is \(value): \(row.name) \(base)")
                        } else {
                            #expect(text == String(value), "\(row.name) \(column) \(base)")
                            #expect(!(1..<5).contains(value), "a small count shown: \(row.name) \(column) \(base)")
                        }
                    }
                    if smallRow { #expect(row.cells.dropFirst().allSatisfy { $0 == DisclosedCell.withheldMark }, "\(row.name) \(base)") }
                }
                hiddenSeen += protected.count
                withheldSeen += marks.values.filter { $0 == .withheld }.count
                let findings = DisclosureAudit.findings(
                    of: table, marking: DisclosurePolicy.Marking(marks: marks, protected: protected), threshold: 5)
                #expect(findings.isEmpty, "\(base): \(findings.prefix(5))")
            }
            #expect(hiddenSeen > 50, "the world must give the attack something to work on")
            #expect(withheldSeen > 10)
        }
    }

    @Test("sorted by a column, rows are ordered by what is shown, never by a hidden count")
    func sortingIgnoresHiddenValues() async throws {
        try await withPraktikApp { app in
            _ = try await world(app)
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            for (sort, column) in [("-women", 1), ("women", 1), ("-placements", 0), ("men", 2), ("-hires", 5)] {
                let response = try await analyst.get("/employers/compilation.csv?from=2026-01-01&to=2026-12-31&sort=\(sort)")
                let rows = published(response.body.string)
                let keys = rows.map { row -> Double in
                    (mark(row.cells[column]) ?? .shown(Int(row.cells[column]) ?? -1)).sortKey(threshold: 5)
                }
                let descending = sort.hasPrefix("-")
                for index in rows.indices.dropFirst() {
                    let (before, after) = (keys[index - 1], keys[index])
                    #expect(descending ? before >= after : before <= after, "\(sort): \(rows[index - 1].name), \(rows[index].name)")
                    if before == after { #expect(rows[index - 1].name < rows[index].name, "ties by name (\(sort))") }
                }
            }
            // The page shows the same order and explains the mark.
            let page = try await analyst.get("/employers/compilation?from=2026-01-01&to=2026-12-31&sort=-women")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("döljs fler tal") || page.body.string.contains("dolt för att ett litet tal"))
        }
    }

    func filter(
        from: String = "2026-01-01", to: String = "2026-12-31", unit: UUID? = nil, regime: PlaceRegime? = nil,
        sector: EmployerSector? = nil, district: String = ""
    ) throws -> EmployerCompilation.Filter {
        EmployerCompilation.Filter(
            from: try #require(CivilDate(iso8601: from)), to: try #require(CivilDate(iso8601: to)), unitID: unit, regime: regime,
            sector: sector, district: district)
    }
}
