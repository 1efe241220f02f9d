import Testing

@testable import PraktikCore

/// Values computed by hand from the formula (z = 1.959964, z² = 3.841459):
/// centre = (p + z²/2n) / (1 + z²/n), half width = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²).
@Suite("Wilson interval")
struct WilsonIntervalTests {
    @Test(
        "95% interval against hand-computed values",
        arguments: [
            (0, 10, 0.0, 0.277533), (5, 10, 0.236593, 0.763407), (10, 10, 0.722467, 1.0), (81, 263, 0.255289, 0.366210),
            (1, 1, 0.206549, 1.0), (3, 7, 0.158220, 0.749542),
        ])
    func handComputed(successes: Int, trials: Int, low: Double, high: Double) throws {
        let interval = try #require(WilsonInterval(successes: successes, of: trials))
        #expect(abs(interval.low - low) < 0.000001, "\(successes) of \(trials): low \(interval.low)")
        #expect(abs(interval.high - high) < 0.000001, "\(successes) of \(trials): high \(interval.high)")
        #expect(interval.low <= Double(successes) / Double(trials) && Double(successes) / Double(trials) <= interval.high)
    }

    @Test("written as per cent with one decimal, never outside 0–100")
    func percentText() throws {
        let none = try #require(WilsonInterval(successes: 0, of: 10))
        #expect((none.lowPercent, none.highPercent) == ("0.0", "27.8"))
        let all = try #require(WilsonInterval(successes: 10, of: 10))
        #expect((all.lowPercent, all.highPercent) == ("72.2", "100.0"))
        let half = try #require(WilsonInterval(successes: 5, of: 10))
        #expect((half.lowPercent, half.highPercent) == ("23.7", "76.3"))
        let seed = try #require(WilsonInterval(successes: 81, of: 263))
        #expect((seed.lowPercent, seed.highPercent) == ("25.5", "36.6"))
    }

    @Test("no interval for no trials or counts that do not make sense")
    func noInterval() {
        #expect(WilsonInterval(successes: 0, of: 0) == nil)
        #expect(WilsonInterval(successes: 3, of: 2) == nil)
        #expect(WilsonInterval(successes: -1, of: 2) == nil)
    }

    @Test("an interval only where both counts are shown")
    func onlyBesideShownCounts() {
        #expect(ReportShare.interval(.shown(5), of: .shown(10)) != nil)
        #expect(ReportShare.interval(.small, of: .shown(10)) == nil)
        #expect(ReportShare.interval(.shown(5), of: .withheld) == nil)
        #expect(ReportShare.interval(.shown(0), of: .shown(0)) == nil)
    }
}
