import PraktikCore
import Vapor

/// The placement reports on the web: a table, a bar chart by gender made on the server (no
/// JavaScript; the table is its text alternative) and the CSV. Every reader gets protected figures:
/// the reports cover every unit, more than any case worker may open.
enum ReportsController {
    struct IndexPage: Encodable {
        let reports: [Entry]
        let boardHref: String
    }

    struct Entry: Encodable {
        let titleKey: String
        let descriptionKey: String
        let href: String
    }

    /// One report's page, or the board report: every report of the period on one printable page.
    struct ReportPage: Encodable {
        let titleKey: String
        let descriptionKey: String
        let isBoard: Bool
        let from: String
        let to: String
        let sections: [Section]
        let threshold: String
        /// The largest count shown as "<threshold>".
        let largestHidden: String
        let backHref: String
        let action: String
        let boardHref: String
    }

    /// A report as a part of a page: chart, table, downloads.
    struct Section: Encodable {
        let name: String
        let titleKey: String
        let descriptionKey: String
        let headers: [String]
        let rows: [[Cell]]
        let hasRows: Bool
        let csvHref: String
        let csvSemicolonHref: String
        let chart: ReportChart?
    }

    struct Cell: Encodable {
        let text: String
        /// A code shown through its translation (a benefit group, a gender, an outcome, a regime).
        let key: String?
        let isNumber: Bool
    }

    struct Query: Content {
        var from: String?
        var to: String?
        var format: String?
        var separator: String?
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let entries = PlacementReports.Name.allCases.map {
            Entry(
                titleKey: "report.\($0.rawValue).title", descriptionKey: "report.\($0.rawValue).description",
                href: SiteURL.report($0.rawValue).path)
        }
        return try await request.render(
            "Reports/index", IndexPage(reports: entries, boardHref: SiteURL.boardReport.path),
            layout: .init(request: request, titleKey: "reports.title"))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let name = request.parameters.get("name").flatMap(PlacementReports.Name.init(rawValue:)) else { throw AppError.notFound }
        let query = try request.query.decode(Query.self)
        let period = try self.period(request, query)
        let table = try await PlacementReports(
            database: request.db, policy: request.application.settings.disclosure, clock: request.application.clock
        ).table(
            name, period: period, exact: false)
        if query.format == "csv" {
            let delimiter: Character = query.separator == "semicolon" ? ";" : ","
            return CSVResponse.make(
                PlacementReports.csv(table, delimiter: delimiter), fileName: "\(name.rawValue)-\(period.from)-\(period.to).csv")
        }
        let page = self.page(
            request, period: period, titleKey: "report.\(name.rawValue).title", descriptionKey: "report.\(name.rawValue).description",
            isBoard: false, sections: [section(try await ReportDisplay.load(request), table, period: period)],
            action: SiteURL.report(name.rawValue).path)
        return try await request.render("Reports/report", page, layout: .init(request: request, titleKey: page.titleKey))
    }

    /// `/board-report`: every report of the period on one page the board can print or save as PDF
    /// from the browser (the print stylesheet leaves out the menu and the period form).
    @Sendable static func board(_ request: Request) async throws -> Response {
        let period = try self.period(request, try request.query.decode(Query.self))
        let reports = PlacementReports(
            database: request.db, policy: request.application.settings.disclosure, clock: request.application.clock)
        let display = try await ReportDisplay.load(request)
        var sections: [Section] = []
        for name in PlacementReports.Name.allCases {
            sections.append(section(display, try await reports.table(name, period: period, exact: false), period: period))
        }
        let page = self.page(
            request, period: period, titleKey: "report.board.title", descriptionKey: "report.board.description", isBoard: true,
            sections: sections, action: SiteURL.boardReport.path)
        return try await request.render("Reports/report", page, layout: .init(request: request, titleKey: page.titleKey))
    }

    private static func period(_ request: Request, _ query: Query) throws -> PlacementReports.Period {
        do {
            return try ReportPeriod.parse(from: query.from, to: query.to, today: try request.application.clock.today())
        } catch {
            throw Abort(.badRequest, reason: request.translate("report.period.invalid"))
        }
    }

    private static func section(_ display: ReportDisplay, _ table: PlacementReports.Table, period: PlacementReports.Period) -> Section {
        let name = table.name.rawValue
        let base = SiteURL.report(name).path + "?from=\(period.from)&to=\(period.to)&format=csv"
        return Section(
            name: name, titleKey: "report.\(name).title", descriptionKey: "report.\(name).description",
            headers: (table.header + table.pageHeader).map { "report.column.\($0)" },
            rows: table.rows.enumerated().map { index, row in
                // Web-only columns (such as the cost per positive outcome) follow the CSV's.
                let extra = table.pageRows.indices.contains(index) ? table.pageRows[index] : []
                return zip(table.header + table.pageHeader, row + extra).map { display.cell(column: $0, value: $1) }
            }, hasRows: !table.rows.isEmpty,
            csvHref: base, csvSemicolonHref: base + "&separator=semicolon",
            chart: ReportChart.make(table, display: display))
    }

    private static func page(
        _ request: Request, period: PlacementReports.Period, titleKey: String, descriptionKey: String, isBoard: Bool,
        sections: [Section], action: String
    ) -> ReportPage {
        let threshold = request.application.settings.disclosure.threshold
        return ReportPage(
            titleKey: titleKey, descriptionKey: descriptionKey, isBoard: isBoard, from: period.from.description,
            to: period.to.description, sections: sections, threshold: String(threshold), largestHidden: String(threshold - 1),
            backHref: SiteURL.reports.path, action: action,
            boardHref: SiteURL.boardReport.path + "?from=\(period.from)&to=\(period.to)")
    }
}
