import Fluent
import Foundation

/// Links an employer contact's account to a workplace they speak for. Every employer-contact query
/// is scoped through this table: a contact sees exactly the workplaces listed here.
final class WorkplaceContact: Model, @unchecked Sendable {
    static let schema = "workplace_contacts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "workplace_id") var workplace: Workplace
    /// Personal data: shown to staff, audited when viewed.
    @Field(key: "phone") var phone: String
    /// The contact's role at the workplace, e.g. "handledare" or "HR".
    @Field(key: "job_title") var jobTitle: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
