import Foundation
import PraktikCore

/// Small view-model pieces shared by the register's pages.
enum EmployerViews {
    struct SortLink: Encodable {
        let labelKey: String
        let href: String
        /// `ascending`, `descending` or `none`, for `aria-sort`.
        let ariaSort: String
    }

    /// Column headers that sort the list, keeping the filters.
    static func sortLinks(base: String, query: String, sort: SQLSort, columns: [(key: String, labelKey: String)]) -> [SortLink] {
        columns.map { column in
            let separator = query.isEmpty ? "" : "&"
            return SortLink(
                labelKey: column.labelKey, href: base + "?" + query + separator + "sort=" + sort.link(for: column.key),
                ariaSort: sort.key == column.key ? (sort.descending ? "descending" : "ascending") : "none")
        }
    }

    /// The number as its register prints it, with a sole trader's personnummer masked.
    static func identifierText(_ storage: String) -> String {
        guard let identifier = try? EmployerIdentifier(storageValue: storage) else { return storage }
        switch identifier {
        case .foreign(let country, _): return country + " " + identifier.masked
        default: return identifier.masked
        }
    }

    static func registerKey(_ storage: String) -> String {
        switch (try? EmployerIdentifier(storageValue: storage))?.kind {
        case .swedishOrganisationNumber?: "employer.register.se"
        case .danishCVR?: "employer.register.dk"
        default: "employer.register.foreign"
        }
    }
}
