import Foundation
import PraktikCore
import Vapor

/// `praktik report NAME [--from] [--to] [--exact]`: the same CSV the report's page downloads.
public enum CommandLineReports {
    public static var names: [String] { PlacementReports.Name.allCases.map(\.rawValue) }

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The CSV text; small numbers are hidden as for analysts unless `exact` (an operator's tool).
    /// Without dates: from 1 January last year through today.
    public static func csv(name: String, from: String?, to: String?, exact: Bool, on app: Application) async throws -> String {
        guard let report = PlacementReports.Name(rawValue: name) else {
            throw Problem(description: "No report is called \(name). Reports: \(names.joined(separator: ", ")).")
        }
        let period = try ReportPeriod.parse(from: from, to: to, today: try app.clock.today())
        let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure, clock: app.clock).table(
            report, period: period, exact: exact)
        return PlacementReports.csv(table)
    }
}

/// A report's period from the page's or the command line's dates (YYYY-MM-DD).
enum ReportPeriod {
    static func standard(today: CivilDate) -> PlacementReports.Period {
        PlacementReports.Period(from: CivilDate(year: today.year - 1, month: 1, day: 1) ?? today, to: today)
    }

    static func parse(from: String?, to: String?, today: CivilDate) throws -> PlacementReports.Period {
        let standard = standard(today: today)
        func date(_ text: String?, _ fallback: CivilDate, _ option: String) throws -> CivilDate {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
            guard let date = CivilDate(iso8601: text) else {
                throw CommandLineReports.Problem(description: "\(option) must be a date written YYYY-MM-DD, not \(text).")
            }
            return date
        }
        let period = PlacementReports.Period(
            from: try date(from, standard.from, "--from"), to: try date(to, standard.to, "--to"))
        guard period.from <= period.to else { throw CommandLineReports.Problem(description: "--from must not be after --to.") }
        return period
    }
}
