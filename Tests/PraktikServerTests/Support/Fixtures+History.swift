import Foundation
import PraktikCore
import Vapor

@testable import PraktikServer

/// History files for tests: rows built from named cells, imported through the same importer as
/// `praktik import history` and the admin page.
struct HistoryFixture {
    struct Row {
        var cells: [HistoryColumn: String]

        init(
            person: String, gender: String = "woman", birthYear: Int = 1990, benefit: String = "forsorjningsstod",
            unit: String = "Jobbtorg Järva", employer: String = "556016-0680", employerName: String = "Ek Bygg AB",
            regime: String = "external", purpose: String = "work_training", start: String, end: String, hired: String = "",
            atExit: String = "", threeMonths: String = "", paid: String = ""
        ) {
            cells = [
                .personNumber: person, .gender: gender, .birthYear: String(birthYear), .birthRegion: "outside_europe",
                .benefitType: benefit, .unit: unit, .organisationNumber: employer, .employerName: employerName, .regime: regime,
                .purpose: purpose, .startDate: start, .endDate: end, .hiredByHost: hired, .outcomeAtExit: atExit,
                .outcome3Months: threeMonths, .benefitPaid: paid,
            ]
        }

        /// The row as a CSV line; a cell with a comma, quote or line break is quoted.
        var text: String {
            HistoryColumn.allCases.map { column in
                let cell = cells[column] ?? ""
                guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
                return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",")
        }
    }

    /// A valid personnummer of someone born in `year` (day and serial from `n`).
    static func person(_ n: Int, born year: Int = 1990) -> String {
        Fixtures.personNumber(year: year, month: n % 12 + 1, day: n % 28 + 1, serial: n % 1000)
    }

    static func file(_ rows: [Row]) -> String {
        ([HistoryColumn.allCases.map(\.rawValue).joined(separator: ",")] + rows.map(\.text)).joined(separator: "\n") + "\n"
    }

    /// Imports `rows` in one transaction; nil outcome when the file was refused.
    @discardableResult
    static func importRows(_ rows: [Row], on app: Application) async throws -> (HistoryImporter.Plan, HistoryImporter.Outcome?) {
        try await app.db.transaction { db in
            try await HistoryImporter(database: db, clock: app.clock).store(file(rows), by: .system("test"))
        }
    }
}
