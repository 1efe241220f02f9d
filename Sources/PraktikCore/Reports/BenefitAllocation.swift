/// How much of a benefit paid over a period (a month's försörjningsstöd, a fortnight's dagpenge) counts
/// as paid during a placement: the amount in proportion to the payment period's days that fall inside
/// the placement, both ends included, rounded half up to the öre or øre. The costs report does the same
/// in SQL (`CostReport`); a test holds the two together.
public enum BenefitAllocation {
    /// The days of `payment` inside `placement` (0 when they share none).
    public static func overlapDays(payment: ClosedRange<CivilDate>, placement: ClosedRange<CivilDate>) -> Int {
        let first = max(payment.lowerBound, placement.lowerBound)
        let last = min(payment.upperBound, placement.upperBound)
        return first <= last ? last.dayNumber - first.dayNumber + 1 : 0
    }

    /// The part of `amountMinor`, paid over `payment`, that falls on the placement's days.
    public static func allocated(amountMinor: Int64, payment: ClosedRange<CivilDate>, placement: ClosedRange<CivilDate>) -> Int64 {
        let days = Int64(payment.upperBound.dayNumber - payment.lowerBound.dayNumber + 1)
        let inside = Int64(overlapDays(payment: payment, placement: placement))
        return (amountMinor * inside + days / 2) / days
    }

    /// `total` over `count`, rounded half up to the minor unit; nil when `count` is 0.
    public static func mean(_ total: Int64, over count: Int) -> Int64? {
        guard count > 0 else { return nil }
        return (total + Int64(count) / 2) / Int64(count)
    }
}
