import Foundation
import Vapor

/// What a list was asked for (its filters, its sort and its page, read once from the query string)
/// and every link that keeps them: the previous and next page, the sort headers, an export. Every
/// list page and list API uses it, so paging and sorting work alike everywhere.
///
/// Templates get it as `page.list`: `path` (the list's own address, for its filter form), `total`,
/// `page`, `pageCount`, `hasPrevious`, `hasNext`, `previousHref` and `nextHref`; the partial
/// `Shared/pagination` draws the page links.
struct ListQuery: Sendable {
    /// A column header that sorts the list, keeping the filters.
    struct SortLink: Encodable, Sendable {
        let labelKey: String
        let href: String
        /// `ascending`, `descending` or `none`, for `aria-sort`.
        let ariaSort: String
    }

    /// Where the list lives; its own links point here.
    let url: SiteURL
    /// The filters as links carry them, in this order; empty values are left out of links.
    let filters: [(key: String, value: String)]
    /// The sort; a list in a fixed order has no allowed keys, and its links carry no sort.
    let sort: SQLSort
    /// 1-based, bounded so a request cannot ask for everything.
    let page: Int
    let perPage: Int
    /// Set once the list's query has counted its rows.
    var total = 0

    /// - Parameters:
    ///   - filters: the filter values as the links should carry them (usually as typed).
    ///   - sort: the sortable columns (request key to SQL) and the default key; none for a list in a fixed order.
    init(
        _ request: Request, url: SiteURL, filters: KeyValuePairs<String, String> = [:],
        sort: (allowed: [String: String], default: String) = ([:], ""), perPage: Int = 50
    ) {
        self.url = url
        self.filters = filters.map { (key: $0.key, value: $0.value) }
        self.sort = SQLSort(requested: request.query("sort"), allowed: sort.allowed, default: sort.default)
        let requested = Int(request.query("page")) ?? 1
        self.page = max(1, min(requested, 100_000))
        self.perPage = perPage
    }

    var limit: Int { perPage }
    var offset: Int { (page - 1) * perPage }
    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    var hasPrevious: Bool { page > 1 }
    var hasNext: Bool { page < pageCount }

    /// The filters alone, as a query string.
    var filterQuery: String { QueryString.encode(filters) }

    /// The filters and the sort, as a query string.
    var query: String {
        QueryString.encode(filters + [(key: "sort", value: sort.requestValue)])
    }

    /// This list at page `number`, keeping filters and sort.
    func href(page number: Int) -> String {
        url.path + "?" + QueryString.encode(filters + [(key: "sort", value: sort.requestValue), (key: "page", value: String(number))])
    }

    /// Another address (an export, say) with this list's filters, and its sort unless told otherwise.
    func link(to other: SiteURL, keepingSort: Bool = true) -> String {
        QueryString.appending(keepingSort ? query : filterQuery, to: other.path)
    }

    /// Headers that sort by each column, keeping the filters; sorting starts again at page 1.
    func sortLinks(_ columns: [(key: String, labelKey: String)]) -> [SortLink] {
        columns.map { column in
            SortLink(
                labelKey: column.labelKey,
                href: url.path + "?" + QueryString.encode(filters + [(key: "sort", value: sort.link(for: column.key))]),
                ariaSort: sort.ariaSort(of: column.key))
        }
    }
}

extension ListQuery: Encodable {
    private enum CodingKeys: String, CodingKey {
        case path, page, perPage, total, pageCount, hasPrevious, hasNext, previousHref, nextHref
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url.path, forKey: .path)
        try container.encode(page, forKey: .page)
        try container.encode(perPage, forKey: .perPage)
        try container.encode(total, forKey: .total)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(hasPrevious, forKey: .hasPrevious)
        try container.encode(hasNext, forKey: .hasNext)
        try container.encode(href(page: page - 1), forKey: .previousHref)
        try container.encode(href(page: page + 1), forKey: .nextHref)
    }
}
