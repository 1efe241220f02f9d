import Fluent
import PraktikCore
import SQLKit
import Vapor

/// The compilation the board asked for (seed 000): every employer with interns in a period, as a
/// page and as CSV. Analysts see counts under 5 as "<5" (aggregates only, never a person); staff,
/// who may open the records anyway, see exact counts.
enum CompilationController {
    struct Page: Encodable {
        let from: String
        let to: String
        let rows: [Row]
        let totals: Row
        let list: ListQuery
        let units: [Choice]
        let regimes: [Choice]
        let sectors: [Choice]
        let districts: [Choice]
        let headers: [ListQuery.SortLink]
        let exportHref: String
        let isSuppressed: Bool
        let threshold: Int
        let hasWithheld: Bool
        let withheldMark: String
        let errorKey: String
        let hasError: Bool
    }

    struct Row: Encodable {
        let name: String
        let href: String
        /// Leaf treats an empty string as true, so the link needs its own flag.
        let isLinked: Bool
        let sectorKey: String
        let placements: String
        let women: String
        let men: String
        let other: String
        let notStated: String
        let hires: String
        let units: String
        let regimes: [String]
        let districts: String
    }

    struct Parsed {
        var filter: EmployerCompilation.Filter
        /// The page, sort and filters as links keep them.
        var list: ListQuery
        var errorKey: String?
    }

    /// The filter from the query string; the default period is the current year so far.
    static func parse(_ request: Request) throws -> Parsed {
        let today = try request.application.clock.today()
        var errorKey: String?
        let fromText = request.query("from"), toText = request.query("to")
        var from = CivilDate(year: today.year, month: 1, day: 1) ?? today
        var to = today
        if !fromText.isEmpty {
            if let date = CivilDate(iso8601: fromText) { from = date } else { errorKey = "form.date" }
        }
        if !toText.isEmpty {
            if let date = CivilDate(iso8601: toText) { to = date } else { errorKey = "form.date" }
        }
        if to < from { errorKey = "import.row.period-order" }
        let unitText = request.query("unit"), regimeText = request.query("regime"), sectorText = request.query("sector")
        let district = request.query("district")
        let filter = EmployerCompilation.Filter(
            from: from, to: to, unitID: UUID(uuidString: unitText), regime: PlaceRegime(rawValue: regimeText),
            sector: EmployerSector(rawValue: sectorText), district: district)
        let list = ListQuery(
            request, url: .compilation,
            filters: [
                "from": from.description, "to": to.description, "unit": unitText, "regime": regimeText, "sector": sectorText,
                "district": district,
            ],
            sort: (EmployerCompilation.sortColumns, "name"), perPage: 100)
        return Parsed(filter: filter, list: list, errorKey: errorKey)
    }

    /// One page of the compilation as this reader may see it: exact for staff, who may open the
    /// records anyway; protected by the disclosure policy for analysts.
    struct Shown {
        var rows: [(row: EmployerCompilation.Row, cells: [String])]
        var totals: [String]
        var employers: Int
        var hasWithheld = false
    }

    static func shown(
        _ parsed: Parsed, suppressed: Bool, paged: Bool, request: Request
    ) async throws -> Shown {
        let compilation = EmployerCompilation(sql: try request.sql)
        let list = parsed.list
        guard suppressed else {
            let (rows, totals) = try await compilation.rows(
                parsed.filter, sort: list.sort, limit: paged ? list.limit : nil, offset: paged ? list.offset : 0)
            let counts = { (row: EmployerCompilation.Row) in
                [row.placements, row.women, row.men, row.other, row.not_stated, row.hires].map(String.init)
            }
            return Shown(
                rows: rows.map { ($0, counts($0)) },
                totals: [totals.placements, totals.women, totals.men, totals.other, totals.not_stated, totals.hires].map(String.init),
                employers: totals.employers)
        }
        let byName = SQLSort(requested: "name", allowed: EmployerCompilation.sortColumns, default: "name")
        let all = try await compilation.rows(parsed.filter, sort: byName, limit: nil).rows
        let disclosed = try DisclosedCompilation(rows: all, policy: request.application.settings.disclosure)
        var ordered = disclosed.sorted(by: list.sort)
        if paged { ordered = Array(ordered.dropFirst(list.offset).prefix(list.limit)) }
        let text = { (cell: DisclosedCell) in cell.text(threshold: disclosed.threshold) }
        return Shown(
            rows: ordered.map { ($0.source, $0.cells.map(text)) }, totals: disclosed.totals.map(text), employers: all.count,
            hasWithheld: disclosed.hasWithheld)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let parsed = try parse(request)
        let sql = try request.sql
        var list = parsed.list
        let suppressed = try request.requireUser().role == .analyst
        let shown =
            parsed.errorKey == nil
            ? try await shown(parsed, suppressed: suppressed, paged: true, request: request)
            : Shown(rows: [], totals: Array(repeating: "0", count: 6), employers: 0)
        list.total = shown.employers
        let page = Page(
            from: parsed.filter.from.description, to: parsed.filter.to.description,
            rows: shown.rows.map { pageRow($0.row, cells: $0.cells, linked: !suppressed) },
            totals: totalsRow(shown.totals),
            list: list,
            units: try await UnitService(database: request.db).list().map {
                Choice(value: $0.id.uuidString, label: $0.name, isSelected: $0.id == parsed.filter.unitID)
            },
            regimes: Choice.all(PlaceRegime.self, prefix: "regime", selected: parsed.filter.regime?.rawValue),
            sectors: Choice.all(EmployerSector.self, prefix: "sector", selected: parsed.filter.sector?.rawValue),
            districts: try await EmployerDirectory(sql: sql).districts().map {
                Choice(value: $0, label: $0, isSelected: $0 == parsed.filter.district)
            },
            headers: list.sortLinks([
                ("name", "employer.name"), ("sector", "employer.sector"), ("placements", "compilation.placements"),
                ("women", "compilation.women"), ("men", "compilation.men"),
            ]),
            exportHref: list.link(to: .compilationExport),
            isSuppressed: suppressed, threshold: request.application.settings.disclosure.threshold,
            hasWithheld: shown.hasWithheld, withheldMark: DisclosedCell.withheldMark,
            errorKey: parsed.errorKey ?? "", hasError: parsed.errorKey != nil)
        return try await request.render(
            "Employers/compilation", page, layout: .init(request: request, titleKey: "compilation.title"),
            status: parsed.errorKey == nil ? .ok : .badRequest)
    }

    private static func totalsRow(_ cells: [String]) -> Row {
        Row(
            name: "", href: "", isLinked: false, sectorKey: "", placements: cells[0], women: cells[1], men: cells[2],
            other: cells[3], notStated: cells[4], hires: cells[5], units: "", regimes: [], districts: "")
    }

    private static func pageRow(_ row: EmployerCompilation.Row, cells: [String], linked: Bool) -> Row {
        Row(
            name: row.name, href: linked ? SiteURL.employer(row.employer_id).path : "", isLinked: linked,
            sectorKey: row.sector.isEmpty ? "" : "sector.\(row.sector)",
            placements: cells[0], women: cells[1], men: cells[2], other: cells[3], notStated: cells[4], hires: cells[5],
            units: (row.units ?? []).joined(separator: ", "), regimes: (row.regimes ?? []).map { "regime.\($0)" },
            districts: (row.districts ?? []).joined(separator: ", "))
    }

    @Sendable static func export(_ request: Request) async throws -> Response {
        let parsed = try parse(request)
        if let key = parsed.errorKey { throw AppError.badRequest(messageKey: key) }
        let suppressed = try request.requireUser().role == .analyst
        let shown = try await shown(parsed, suppressed: suppressed, paged: false, request: request)
        let writer = CSVWriter()
        var text = writer.line([
            "employer_name", "organisation_number", "sector", "placements", "women", "men", "other_gender", "gender_not_stated",
            "hired_at_workplace", "units", "regimes", "districts", "period_start", "period_end",
        ])
        let identifiers = try await identifiers(of: shown.rows.map(\.row.employer_id), on: request.db)
        for (row, cells) in shown.rows {
            text += writer.line(
                [row.name, EmployerViews.identifierText(identifiers[row.employer_id] ?? ""), row.sector]
                    + cells
                    + [
                        (row.units ?? []).joined(separator: "; "), (row.regimes ?? []).joined(separator: "; "),
                        (row.districts ?? []).joined(separator: "; "), parsed.filter.from.description, parsed.filter.to.description,
                    ])
        }
        try await request.auditLog().record(
            .export, by: request.auditActor, recordType: .employerCompilation, recordID: nil,
            detail: "from=\(parsed.filter.from),to=\(parsed.filter.to)")
        return CSVResponse.make(text, fileName: "praktik-compilation-\(parsed.filter.from)-\(parsed.filter.to).csv")
    }

    private static func identifiers(of ids: [UUID], on database: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: String] = [:]
        for chunk in ids.chunked(into: 1000) {
            for employer in try await Employer.query(on: database).filter(\.$id ~~ Array(chunk)).all() {
                if let id = employer.id { result[id] = employer.identifier }
            }
        }
        return result
    }
}
