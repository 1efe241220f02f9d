/// When a signed-in session stops being valid.
///
/// Two limits, both enforced on the server: an idle limit (no request for a while) and an absolute
/// limit (however active, a session ends a fixed time after sign-in), so a stolen cookie is useful
/// for a bounded time only.
public struct SessionLifetime: Sendable, Equatable {
    public var idleSeconds: Double
    public var absoluteSeconds: Double

    public init(idleSeconds: Double = 30 * 60, absoluteSeconds: Double = 12 * 60 * 60) {
        self.idleSeconds = idleSeconds
        self.absoluteSeconds = absoluteSeconds
    }

    public enum Verdict: Equatable, Sendable {
        case valid
        case idleExpired
        case absoluteExpired
    }

    /// Times are seconds since any fixed reference (the caller's clock), so the rule stays pure.
    public func verdict(createdAt: Double, lastSeenAt: Double, now: Double) -> Verdict {
        if now - createdAt >= absoluteSeconds { return .absoluteExpired }
        if now - lastSeenAt >= idleSeconds { return .idleExpired }
        return .valid
    }
}
