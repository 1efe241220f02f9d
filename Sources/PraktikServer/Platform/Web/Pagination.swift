import Vapor

/// Page number and size read from the query string, bounded so a request cannot ask for everything.
struct Pagination: Encodable, Sendable {
    let page: Int
    let perPage: Int
    var total: Int = 0

    var offset: Int { (page - 1) * perPage }
    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    var hasPrevious: Bool { page > 1 }
    var hasNext: Bool { page < pageCount }
    var previousPage: Int { page - 1 }
    var nextPage: Int { page + 1 }

    init(request: Request, defaultPerPage: Int = 50) {
        let requested = (try? request.query.get(Int.self, at: "page")) ?? 1
        page = max(1, min(requested, 100_000))
        perPage = defaultPerPage
    }

    enum CodingKeys: String, CodingKey { case page, perPage, total, pageCount, hasPrevious, hasNext, previousPage, nextPage }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(page, forKey: .page)
        try container.encode(perPage, forKey: .perPage)
        try container.encode(total, forKey: .total)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(hasPrevious, forKey: .hasPrevious)
        try container.encode(hasNext, forKey: .hasNext)
        try container.encode(previousPage, forKey: .previousPage)
        try container.encode(nextPage, forKey: .nextPage)
    }
}
