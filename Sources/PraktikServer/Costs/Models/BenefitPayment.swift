import Fluent
import Foundation

/// A benefit paid to a participant over a period (DESIGN: BenefitPayment), in minor units.
final class BenefitPayment: Model, @unchecked Sendable {
    static let schema = "benefit_payments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: Participant
    /// Set when the payment is known to cover one placement (the history import's `benefit_paid`).
    @OptionalParent(key: "placement_id") var placement: Placement?
    /// `BenefitType` raw value.
    @Field(key: "benefit_type") var benefitType: String
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    /// Öre or øre: exact sums, no floating point.
    @Field(key: "amount_minor") var amountMinor: Int64
    /// `SEK` or `DKK`.
    @Field(key: "currency") var currency: String
    /// Where the figure came from: `history`, `register` or `manual`.
    @Field(key: "source") var source: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
