import Fluent
import Foundation

/// One recorded result of a check for an employer. Results are added, never overwritten: the latest
/// by check date counts, and the history shows who checked what when.
final class EmployerCheck: Model, @unchecked Sendable {
    static let schema = "employer_checks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "employer_id") var employer: Employer
    @Parent(key: "check_type_id") var checkType: EmployerCheckType
    /// `EmployerCheckResult` raw value.
    @Field(key: "result") var result: String
    @Field(key: "checked_on") var checkedOn: String
    @OptionalField(key: "expires_on") var expiresOn: String?
    @OptionalField(key: "union_name") var unionName: String?
    @Field(key: "note") var note: String
    @OptionalParent(key: "recorded_by") var recordedBy: User?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}
