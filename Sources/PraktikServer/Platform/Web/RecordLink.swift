import Foundation

/// The link to each record of one kind (`/places/{id}`), for lists that link every row: the path
/// around the id is made once, and a row's link is its id written between the two parts.
///
/// `SiteURL.path` builds the page's components, the id's text and the path per call, and a list of
/// 50 places makes 100 links. With `RecordLink`, `ValueLabels` and the period written in pieces, a
/// `/places` page made 1,132 allocations instead of 1,568 (`perf probe` on `swift_allocObject`,
/// BENCHMARKS.md).
struct RecordLink: Sendable {
    /// The path up to the id, and after it (`""` for most pages, `/edit` for some).
    let prefix: String
    let suffix: String

    /// `page`: the page of one record, as `SiteURL.place`, whose path carries the record's id.
    init(_ page: (UUID?) -> SiteURL) {
        let marker = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        let path = page(marker).path
        guard let range = path.range(of: UUIDText.format(marker)) else {
            preconditionFailure("\(path) does not carry its record's id")
        }
        (prefix, suffix) = (String(path[..<range.lowerBound]), String(path[range.upperBound...]))
    }

    /// The link to the record `id`, as `SiteURL.path` writes it.
    func path(_ id: UUID) -> String { prefix + UUIDText.format(id) + suffix }
}
