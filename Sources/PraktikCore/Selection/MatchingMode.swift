/// What a matching run proposes: one seat for each candidate (`assign`: most seats filled, then the
/// best total fit), or shortlists for employers to choose from (`shortlist`: up to k candidates per
/// seat, no candidate on more than b lists).
public enum MatchingMode: String, CaseIterable, Codable, Sendable, Hashable {
    case assign
    case shortlist
}

/// Where a matching run is: waiting for the job runner, running, done, or failed for good.
public enum MatchingRunStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case queued
    case running
    case done
    case failed

    public var isFinished: Bool { self == .done || self == .failed }
}

/// The step a running matching run has reached, shown on its page while it runs.
public enum MatchingRunPhase: String, CaseIterable, Codable, Sendable, Hashable {
    case loading
    case scoring
    case solving
    case storing
    case finished
}

/// The limits on a run's settings, checked for the web form and the command line alike.
public enum MatchingRunLimits {
    public static let candidatesPerSeat = 1...10
    public static let listsPerApplicant = 1...10
}
