import Fluent
import Foundation

/// One read or write of personal data. Rows are only ever inserted: no route updates or deletes
/// them, and database triggers refuse UPDATE and DELETE as a second line of defence.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    /// Nil for actions by the system itself (jobs) or by an anonymous visitor.
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "action") var action: String
    @Field(key: "record_type") var recordType: String
    @OptionalField(key: "record_id") var recordID: String?
    /// A short, non-identifying note (field names changed, not their values).
    @OptionalField(key: "detail") var detail: String?
    @OptionalField(key: "client_address") var clientAddress: String?

    init() {}
}
