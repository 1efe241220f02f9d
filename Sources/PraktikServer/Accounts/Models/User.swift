import Fluent
import Foundation
import PraktikCore

/// A person who signs in: staff, employer contacts and participants alike.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Stored lower-cased: the sign-in name.
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "role") var role: String
    @OptionalParent(key: "unit_id") var unit: OrganisationUnit?
    @Field(key: "language") var language: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "is_active") var isActive: Bool
    /// For a participant's portal account: the record it belongs to.
    @OptionalParent(key: "participant_id") var participant: Participant?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, email: String, displayName: String, role: Role, unitID: UUID?, language: AppLanguage, passwordHash: String) {
        self.id = id
        self.email = email.lowercased()
        self.displayName = displayName
        self.role = role.rawValue
        self.$unit.id = unitID
        self.language = language.rawValue
        self.passwordHash = passwordHash
        self.isActive = true
    }
}
