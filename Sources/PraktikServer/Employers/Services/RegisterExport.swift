import Foundation
import PraktikCore
import SQLKit

/// Writes the register (employers, their workplaces, their places) as CSV in `RegisterColumn` order:
/// one line per place, per workplace without places, and per employer without workplaces.
struct RegisterExport: Sendable {
    let sql: any SQLDatabase

    struct Row: Decodable {
        let employer_name: String
        let identifier: String
        let sector: String
        let industry: String
        let employees: Int?
        let workplace_name: String?
        let address: String?
        let postal_code: String?
        let city: String?
        let district: String?
        let p_number: String?
        let title: String?
        let occupation_field: String?
        let tasks: String?
        let capacity: Int?
        let period_start: String?
        let period_end: String?
        let hours_per_week: Int?
        let language_requirement: String?
        let remote_possible: Bool?
        let regime: String?
        let unit_code: String?
        let status: String?
    }

    func csv(_ filter: EmployerDirectory.Filter) async throws -> String {
        var conditions = SQLWhere()
        let words = SearchText.words(in: filter.search)
        if !words.isEmpty { conditions.add("\(SQLAllWords(words, in: [SQLColumn("search_text", table: "e")]))") }
        if let sector = filter.sector { conditions.add("e.sector = \(bind: sector.rawValue)") }
        if !filter.district.isEmpty { conditions.add("w.district = \(bind: filter.district)") }
        if !filter.includeInactive { conditions.add("e.is_active = \(bind: true)") }
        let rows = try await sql.raw(
            """
            SELECT e.name AS employer_name, e.identifier, e.sector, e.industry, e.employees,
              w.name AS workplace_name, w.address, w.postal_code, w.city, w.district, w.p_number,
              p.title, p.occupation_field, p.tasks, p.capacity, p.period_start, p.period_end, p.hours_per_week,
              p.language_requirement, p.remote_possible, p.regime, u.code AS unit_code, p.status
            FROM employers e
            LEFT JOIN workplaces w ON w.employer_id = e.id
            LEFT JOIN places p ON p.workplace_id = w.id
            LEFT JOIN units u ON u.id = p.unit_id
            """ + conditions.clause + " ORDER BY e.name, e.id, w.address, w.id, p.period_start, p.title"
        ).all(decoding: Row.self)

        let writer = CSVWriter()
        var text = writer.line(RegisterColumn.allCases.map(\.rawValue))
        text.reserveCapacity(rows.count * 200)
        for row in rows {
            // The stored form (`SE:556…`) carries the register with it, so the country column is
            // informational; the import reads the stored form as it is.
            let country = row.identifier.split(separator: ":").first.map(String.init) ?? ""
            let cells: [RegisterColumn: String] = [
                .employerName: row.employer_name, .country: country, .organisationNumber: row.identifier, .sector: row.sector,
                .industry: row.industry, .employees: row.employees.map(String.init) ?? "",
                .workplaceName: row.workplace_name ?? "", .address: row.address ?? "", .postalCode: row.postal_code ?? "",
                .city: row.city ?? "", .district: row.district ?? "", .pNumber: row.p_number ?? "",
                .placeTitle: row.title ?? "", .occupationField: row.occupation_field ?? "", .tasks: row.tasks ?? "",
                .capacity: row.capacity.map(String.init) ?? "", .periodStart: row.period_start ?? "", .periodEnd: row.period_end ?? "",
                .hoursPerWeek: row.hours_per_week.map(String.init) ?? "", .languageRequirement: row.language_requirement ?? "",
                .remotePossible: row.remote_possible.map { $0 ? "yes" : "no" } ?? "", .regime: row.regime ?? "",
                .unitCode: row.unit_code ?? "", .status: row.status ?? "",
            ]
            text += writer.line(RegisterColumn.allCases.map { cells[$0] ?? "" })
        }
        return text
    }
}
