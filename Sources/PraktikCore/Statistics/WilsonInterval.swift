/// The Wilson score interval for a proportion: k successes in n trials, at the confidence `z`
/// stands for (1.959964 for 95%). Chosen over the textbook p ± z·√(p(1−p)/n) because that one
/// collapses to a single point at 0 of n and n of n and leaves [0, 1] for small groups, exactly the
/// groups a comparison of intakes has (Brown, Cai and DasGupta 2001).
public struct WilsonInterval: Sendable, Hashable {
    public static let z95 = 1.959964

    public let low: Double
    public let high: Double

    /// Nil when there are no trials (no interval can be said) or the counts do not make sense.
    public init?(successes: Int, of trials: Int, z: Double = WilsonInterval.z95) {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let zz = z * z
        let denominator = 1 + zz / n
        let centre = (p + zz / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + zz / (4 * n * n)).squareRoot()
        // At 0 of n and n of n the ends are exactly 0 and 1; rounding would leave 0.9999999999999999,
        // an interval that misses the share it is about.
        low = successes == 0 ? 0 : max(0, centre - half)
        high = successes == trials ? 1 : min(1, centre + half)
    }

    /// Per cent with one decimal, as the reports write shares (`"23.7"`).
    public var lowPercent: String { Self.percent(low) }
    public var highPercent: String { Self.percent(high) }

    static func percent(_ proportion: Double) -> String {
        let tenths = Int((proportion * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension ReportShare {
    /// The 95% Wilson interval of a share as per cent, only where both counts are shown (an
    /// interval, like a share, would narrow a hidden count).
    public static func interval(_ numerator: DisclosedCell, of denominator: DisclosedCell) -> WilsonInterval? {
        guard case .shown(let part) = numerator, case .shown(let whole) = denominator else { return nil }
        return WilsonInterval(successes: part, of: whole)
    }
}
