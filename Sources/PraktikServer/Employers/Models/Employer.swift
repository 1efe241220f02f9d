import Fluent
import Foundation
import PraktikCore

/// An organisation that hosts interns, identified by its register number (unique across the city's
/// register: the same number twice is refused).
final class Employer: Model, @unchecked Sendable {
    static let schema = "employers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// `EmployerIdentifier.storageValue`: `SE:NNNNNN-NNNN`, `DK:NNNNNNNN` or `CC:value`.
    @Field(key: "identifier") var identifier: String
    @Field(key: "country") var country: String
    /// `EmployerSector` raw value.
    @Field(key: "sector") var sector: String
    @Field(key: "industry") var industry: String
    /// Staff head count, for the interns-to-staff ratio; nil when not known.
    @OptionalField(key: "employees") var employees: Int?
    @Field(key: "is_active") var isActive: Bool
    /// Lower-cased name, number and industry: Swift lower-cases å, ä and ö, SQLite's LOWER does not.
    @Field(key: "search_text") var searchText: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var employerIdentifier: EmployerIdentifier? { try? EmployerIdentifier(storageValue: identifier) }

    /// What the register's search looks in, folded (`SearchText`): name, industry and the number
    /// as stored, as written and as bare digits, so "556016-0680" and "5560160680" both find it.
    static func searchText(name: String, identifier: EmployerIdentifier, industry: String) -> String {
        let digits = identifier.storageValue.filter(\.isNumber)
        return SearchText.folded([name, industry, identifier.storageValue, identifier.formatted, digits].joined(separator: " "))
    }
}
