import Fluent
import Foundation

/// Something Praktik asked an employer to answer (a shortlist review, a follow-up form, a request for
/// information), and when it was answered. Later capabilities write these; the register reads them
/// for the "leaves requests unanswered" signal.
final class EmployerRequest: Model, @unchecked Sendable {
    static let schema = "employer_requests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "employer_id") var employer: Employer
    @OptionalParent(key: "workplace_id") var workplace: Workplace?
    @Field(key: "kind") var kind: String
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}
}
