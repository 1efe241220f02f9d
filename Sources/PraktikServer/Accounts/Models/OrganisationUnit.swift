import Fluent
import Foundation

/// A job centre, city district or programme operator. Participants and case workers belong to one;
/// statistics are split by it.
final class OrganisationUnit: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// Short code used in exports and reports (e.g. "JT-CITY").
    @Field(key: "code") var code: String
    /// jobcentre, district or operator: stored as a string so SQLite and PostgreSQL agree.
    @Field(key: "kind") var kind: String
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, code: String, kind: UnitKind, isActive: Bool = true) {
        self.id = id
        self.name = name
        self.code = code
        self.kind = kind.rawValue
        self.isActive = isActive
    }
}

enum UnitKind: String, CaseIterable, Codable, Sendable {
    case jobCentre = "job_centre"
    case district
    case programmeOperator = "programme_operator"
}
