import Foundation
import PraktikCore
import SQLKit

/// Lists of internship places across the register (staff) or within one contact's workplaces
/// (employer portal): filtered, sorted and paginated in SQL.
struct PlaceDirectory: Sendable {
    let sql: any SQLDatabase

    struct Filter: Sendable {
        var search: String = ""
        var status: PlaceStatus?
        var regime: PlaceRegime?
        var unitID: UUID?
        var district: String = ""
        var employerID: UUID?
        var workplaceID: UUID?
        /// Set for an employer contact: only these workplaces, whatever else the filter says.
        var onlyWorkplaces: [UUID]?
        /// Only these places (a placement decision's chosen place).
        var onlyPlaces: [UUID]?
    }

    /// A place with everything the lists show of it: the staff list's columns (`ListRow`, read
    /// through as `row.title`) and the field and the workplace, which the employer's pages and the
    /// API show as well.
    @dynamicMemberLookup
    struct Row: Sendable {
        let listed: ListRow
        let occupation_field: String
        let workplace_id: UUID
        let workplace_address: String

        init(_ row: PlainRow) throws {
            listed = try ListRow(row)
            occupation_field = try row.value("occupation_field", as: String.self)
            workplace_id = try row.uuid("workplace_id")
            workplace_address = try row.value("workplace_address", as: String.self)
        }

        subscript<Value>(dynamicMember column: KeyPath<ListRow, Value>) -> Value { listed[keyPath: column] }
    }

    /// A place as the staff list shows it: `Row` without the columns the list does not show (the
    /// field, the workplace and its address), each a value SQLite copies out per row, and for a
    /// long text a string: reading them was 49 of a `/places` page's 1,132 allocations (`perf probe`
    /// on `swift_allocObject`, BENCHMARKS.md).
    struct ListRow: Sendable {
        let id: UUID
        let title: String
        let capacity: Int
        let period_start: String
        let period_end: String
        let status: String
        let regime: String
        let employer_id: UUID
        let employer_name: String
        let district: String
        let unit_name: String

        /// Read column by column: `Codable` decoding of a page of rows cost as much as the query (`PlainRow`).
        init(_ row: PlainRow) throws {
            id = try row.uuid("id")
            title = try row.value("title", as: String.self)
            capacity = try row.value("capacity", as: Int.self)
            period_start = try row.value("period_start", as: String.self)
            period_end = try row.value("period_end", as: String.self)
            status = try row.value("status", as: String.self)
            regime = try row.value("regime", as: String.self)
            employer_id = try row.uuid("employer_id")
            employer_name = try row.value("employer_name", as: String.self)
            district = try row.value("district", as: String.self)
            unit_name = try row.value("unit_name", as: String.self)
        }
    }

    private static let rowColumns: SQLQueryString = """
        SELECT p.id, p.title, p.occupation_field, p.capacity, p.period_start, p.period_end, p.status, p.regime,
          e.id AS employer_id, e.name AS employer_name, w.id AS workplace_id, w.address AS workplace_address,
          w.district, u.name AS unit_name
        """

    private static let listRowColumns: SQLQueryString = """
        SELECT p.id, p.title, p.capacity, p.period_start, p.period_end, p.status, p.regime,
          e.id AS employer_id, e.name AS employer_name, w.district, u.name AS unit_name
        """

    static let sortColumns: [String: String] = [
        "title": "p.title", "employer": "e.name", "start": "p.period_start", "end": "p.period_end", "status": "p.status",
        "district": "w.district", "capacity": "p.capacity", "unit": "u.name",
    ]

    /// Earliest start first: how a workplace's or employer's own places are listed.
    static let byStart = SQLSort(requested: nil, allowed: sortColumns, default: "start")

    private static let from: SQLQueryString = """
         FROM places p JOIN workplaces w ON w.id = p.workplace_id JOIN employers e ON e.id = p.employer_id
         JOIN units u ON u.id = p.unit_id
        """

    /// What the count must join: only the tables the filter reads. Every place has a workplace, an
    /// employer and a unit, so the other joins cannot change the count, yet cost a lookup per place
    /// (SQLite, 1,587 places: 700 µs with the joins, 5 µs without).
    private static func countFrom(_ filter: Filter) -> SQLQueryString {
        var from: SQLQueryString = " FROM places p"
        if !filter.district.trimmingCharacters(in: .whitespaces).isEmpty { from = from + " JOIN workplaces w ON w.id = p.workplace_id" }
        if !SearchText.words(in: filter.search).isEmpty { from = from + " JOIN employers e ON e.id = p.employer_id" }
        return from
    }

    /// The page and the number of places the filter matches, in one query: the count rides along as
    /// a scalar subquery column (run once, it is not correlated), saving a round trip to the database's
    /// thread pool per list. A page past the end has no row to carry it, so then it is counted apart.
    func page(_ filter: Filter, sort: SQLSort, limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let (rows, total, _) = try await page(
            Self.rowColumns, Row.init, filter, sort: sort, limit: limit, offset: offset, readingFilterVersion: false)
        return (rows, total)
    }

    /// The staff list: its page, and the filter choices from `cache` when the version the page
    /// read with its rows (M0121) says they have not changed, else from the database.
    func listPage(_ filter: Filter, sort: SQLSort, limit: Int, offset: Int, cache: PlaceFilterChoicesCache?) async throws -> (
        rows: [ListRow], total: Int, choices: FilterChoices
    ) {
        let (rows, total, version) = try await page(
            Self.listRowColumns, ListRow.init, filter, sort: sort, limit: limit, offset: offset, readingFilterVersion: cache != nil)
        if let cache, let version, let choices = cache.choices(at: version) { return (rows, total, choices) }
        let choices = try await filterChoices()
        if let cache, let version { cache.store(choices, at: version) }
        return (rows, total, choices)
    }

    private func page<Place>(
        _ columns: SQLQueryString, _ makeRow: (PlainRow) throws -> Place, _ filter: Filter, sort: SQLSort, limit: Int, offset: Int,
        readingFilterVersion: Bool
    ) async throws -> (rows: [Place], total: Int, filterVersion: Int?) {
        let whereClause = self.whereClause(filter)
        let count: SQLQueryString = "SELECT COUNT(*)" + Self.countFrom(filter) + whereClause
        let query: SQLQueryString =
            columns + ", (" + count + ") AS total"
            + (readingFilterVersion ? ", (SELECT version FROM list_versions WHERE name = 'place_filters') AS filter_version" : "")
            + Self.from + whereClause + sort.orderBy(Self.sortColumns, tieBreak: "p.id")
            + " LIMIT \(literal: limit) OFFSET \(literal: offset)"
        let found = try await sql.plainRows(query)
        if let first = found.first {
            let version = readingFilterVersion ? try first.value("filter_version", as: Int.self) : nil
            return (try found.map(makeRow), try first.value("total", as: Int.self), version)
        }
        guard offset > 0 else { return ([], 0, nil) }
        let counted = try await sql.plainRows("SELECT COUNT(*) AS n" + Self.countFrom(filter) + whereClause).first
        return ([], try counted?.value("n", as: Int.self) ?? 0, nil)
    }

    /// What the staff list's filters offer: every unit, by name, and every district a workplace names.
    struct FilterChoices: Sendable {
        var units: [(id: UUID, name: String)] = []
        var districts: [String] = []
    }

    /// Both lists in one query (a round trip fewer per page): units have no district and districts
    /// no unit, so the rows tell which list they belong to. The districts are grouped rather than
    /// `DISTINCT` so that PostgreSQL types the branch's `NULL`s from the units' columns.
    func filterChoices() async throws -> FilterChoices {
        let rows = try await sql.plainRows(
            """
            SELECT u.id, u.name, NULL AS district FROM units u
            UNION ALL
            SELECT NULL, NULL, w.district FROM workplaces w WHERE w.district <> '' GROUP BY w.district
            ORDER BY name, district
            """ as SQLQueryString)
        var choices = FilterChoices()
        for row in rows {
            if let district = try row.optional("district", as: String.self) {
                choices.districts.append(district)
            } else {
                choices.units.append((try row.uuid("id"), try row.value("name", as: String.self)))
            }
        }
        return choices
    }

    private func whereClause(_ filter: Filter) -> SQLQueryString {
        var conditions = SQLWhere()
        if let only = filter.onlyWorkplaces {
            // An empty scope matches nothing; `IN ()` is not valid SQL.
            conditions.add(only.isEmpty ? "1 = 0" : "p.workplace_id IN (\(binds: only))")
        }
        let words = SearchText.words(in: filter.search)
        if !words.isEmpty {
            // Each word in the place (title, field) or its employer: "kock ica" finds ICA's cooks.
            conditions.add("\(SQLAllWords(words, in: [SQLColumn("search_text", table: "p"), SQLColumn("search_text", table: "e")]))")
        }
        if let status = filter.status { conditions.add("p.status = \(bind: status.rawValue)") }
        if let regime = filter.regime { conditions.add("p.regime = \(bind: regime.rawValue)") }
        if let unitID = filter.unitID { conditions.add("p.unit_id = \(bind: unitID)") }
        let district = filter.district.trimmingCharacters(in: .whitespaces)
        if !district.isEmpty { conditions.add("w.district = \(bind: district)") }
        if let employerID = filter.employerID { conditions.add("p.employer_id = \(bind: employerID)") }
        if let workplaceID = filter.workplaceID { conditions.add("p.workplace_id = \(bind: workplaceID)") }
        if let only = filter.onlyPlaces { conditions.add(only.isEmpty ? "1 = 0" : "p.id IN (\(binds: only))") }
        return conditions.clause
    }
}
