import Fluent
import Foundation

/// One version of a rule set as it was when an intake was bound to it: the JSON of
/// `EligibilityRuleSet`, written once and never changed.
final class StoredRuleSet: Model, @unchecked Sendable {
    static let schema = "eligibility_rule_sets"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "version") var version: Int
    @Field(key: "definition") var definition: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
