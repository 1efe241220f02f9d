import Fluent
import Foundation

/// One entry in an application's eligibility history: a run of the rules, or a decision by a
/// person with its justification. Entries are never changed; the newest one counts.
final class EligibilityAssessment: Model, @unchecked Sendable {
    static let schema = "eligibility_assessments"

    enum Source: String, Sendable {
        case rules
        case decision
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: IntakeApplication
    @Parent(key: "participant_id") var participant: Participant
    @Field(key: "sequence") var sequence: Int
    @Field(key: "colour") var colour: String
    @Field(key: "source") var source: String
    @Parent(key: "rule_set_id") var ruleSet: StoredRuleSet
    /// JSON of `[FiredRule]`: the rules that fired (for a decision, those of the run it decided on).
    @Field(key: "fired") var fired: String
    /// JSON of the `ApplicantFacts` the entry was based on.
    @Field(key: "facts") var facts: String
    @OptionalField(key: "justification") var justification: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A rule that fired in a run of the rules, one row each, for filtering the queue by rule.
final class AssessmentReason: Model, @unchecked Sendable {
    static let schema = "assessment_reasons"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: EligibilityAssessment
    @Parent(key: "application_id") var application: IntakeApplication
    @Field(key: "rule_code") var ruleCode: String
    @Field(key: "colour") var colour: String
    @Field(key: "outcome") var outcome: String

    init() {}
}
