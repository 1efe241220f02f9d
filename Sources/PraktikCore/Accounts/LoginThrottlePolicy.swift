/// How many failed sign-ins are tolerated before further attempts are refused for a while.
///
/// Counted twice: per account (guessing one person's password) and per client address (trying many
/// accounts from one place). Either limit blocks.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public var windowSeconds: Double
    public var maximumFailuresPerAccount: Int
    public var maximumFailuresPerAddress: Int

    public init(windowSeconds: Double = 15 * 60, maximumFailuresPerAccount: Int = 5, maximumFailuresPerAddress: Int = 20) {
        self.windowSeconds = windowSeconds
        self.maximumFailuresPerAccount = maximumFailuresPerAccount
        self.maximumFailuresPerAddress = maximumFailuresPerAddress
    }

    public enum Decision: Equatable, Sendable {
        case allowed
        /// Refused; the oldest failure that counts leaves the window after this many seconds.
        case blocked(retryAfterSeconds: Int)
    }

    /// `accountFailures` and `addressFailures` are the times (seconds, caller's clock) of failed
    /// attempts inside the window, in any order.
    public func decision(accountFailures: [Double], addressFailures: [Double], now: Double) -> Decision {
        let waits = [
            wait(failures: accountFailures, limit: maximumFailuresPerAccount, now: now),
            wait(failures: addressFailures, limit: maximumFailuresPerAddress, now: now),
        ].compactMap { $0 }
        guard let longest = waits.max() else { return .allowed }
        return .blocked(retryAfterSeconds: longest)
    }

    private func wait(failures: [Double], limit: Int, now: Double) -> Int? {
        let recent = failures.filter { now - $0 < windowSeconds }.sorted(by: >)
        guard recent.count >= limit, limit > 0 else { return nil }
        // The attempt that must age out before the count drops below the limit.
        let decisive = recent[limit - 1]
        let remaining = windowSeconds - (now - decisive)
        return max(1, Int(remaining.rounded(.up)))
    }
}
