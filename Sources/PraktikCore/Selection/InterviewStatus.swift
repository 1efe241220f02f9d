/// The life of an interview the employer proposes to a listed candidate (issue 12): the employer
/// proposes up to three times, the candidate confirms one by a mailed link (or says none suits),
/// and after the confirmed time the employer records whether it was held and how it went.
/// An interview is independent of offers: an employer may offer a place without one.
public enum InterviewStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case proposed
    case confirmed
    case held
    case noShow = "no_show"
    /// The candidate answered that none of the proposed times suits them.
    case declined
    /// Called off: by the employer, or because the person was erased.
    case cancelled

    /// Who asks for a change of status.
    public enum Actor: String, Sendable, Hashable, CaseIterable {
        /// The candidate, through the interview's link.
        case candidate
        /// The employer contact who proposed it.
        case employer
        /// The system: an erasure.
        case system
    }

    public enum TransitionRefusal: String, Error, Sendable, Hashable, CaseIterable {
        case unchanged = "interview-status.refusal.unchanged"
        /// The interview was already answered, held or called off.
        case closed = "interview-status.refusal.closed"
        case notAllowed = "interview-status.refusal.not-allowed"

        public var code: String { rawValue }
    }

    /// The allowed changes and who may make them. Anything not listed is refused.
    public static let transitions: [InterviewStatus: [InterviewStatus: Set<Actor>]] = [
        .proposed: [.confirmed: [.candidate], .declined: [.candidate], .cancelled: [.employer, .system]],
        .confirmed: [.held: [.employer], .noShow: [.employer], .cancelled: [.employer, .system]],
        .held: [:],
        .noShow: [:],
        .declined: [:],
        .cancelled: [:],
    ]

    public func checkTransition(to target: InterviewStatus, by actor: Actor) throws(TransitionRefusal) {
        guard target != self else { throw .unchanged }
        guard let targets = Self.transitions[self], !targets.isEmpty else { throw .closed }
        guard targets[target]?.contains(actor) == true else { throw .notAllowed }
    }

    /// Proposed or confirmed: the employer may not propose another interview to the same candidate.
    public var isOpen: Bool { self == .proposed || self == .confirmed }

    /// `interview-status.<raw value>`.
    public var key: String { "interview-status.\(rawValue)" }
}

/// How a held interview went, as the employer records it.
public enum InterviewOutcome: String, CaseIterable, Codable, Sendable, Hashable {
    case suitable
    case notSuitable = "not_suitable"

    public var key: String { "interview-outcome.\(rawValue)" }
}

/// A wall-clock time where the job centres are (Stockholm and Copenhagen share one time zone),
/// as a `datetime-local` field sends it and as stored: `YYYY-MM-DDTHH:MM`. No time zone: an
/// interview at 10:00 is at 10:00 whatever the season.
public struct InterviewTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let date: CivilDate
    public let hour: Int
    public let minute: Int

    public init?(date: CivilDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// Reads `YYYY-MM-DDTHH:MM`, also with seconds (`:SS`, which some browsers send); seconds are dropped.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), let date = CivilDate(iso8601: String(decoding: bytes[0..<10], as: UTF8.self))
        else { return nil }
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), bytes[17].isASCIIDigit, bytes[18].isASCIIDigit else { return nil }
        }
        guard bytes[11].isASCIIDigit, bytes[12].isASCIIDigit, bytes[14].isASCIIDigit, bytes[15].isASCIIDigit else { return nil }
        let hour = Int(bytes[11] - 48) * 10 + Int(bytes[12] - 48)
        let minute = Int(bytes[14] - 48) * 10 + Int(bytes[15] - 48)
        self.init(date: date, hour: hour, minute: minute)
    }

    public var description: String {
        date.description + "T" + Self.twoDigits(hour) + ":" + Self.twoDigits(minute)
    }

    /// `HH:MM`.
    public var clock: String { Self.twoDigits(hour) + ":" + Self.twoDigits(minute) }

    public static func < (lhs: InterviewTime, rhs: InterviewTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute) < (rhs.date, rhs.hour, rhs.minute)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension UInt8 {
    fileprivate var isASCIIDigit: Bool { (48...57).contains(self) }
}

/// The times an employer proposes: one to three, each a real time, in the future and within
/// `maximumDays` days, no two alike.
public enum InterviewProposal {
    public static let maximumTimes = 3
    public static let maximumDays = 60

    public enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        case required = "selection.interview.time.required"
        case invalid = "selection.interview.time.invalid"
        case past = "selection.interview.time.past"
        case tooFar = "selection.interview.time.too-far"
        case duplicate = "selection.interview.time.duplicate"
    }

    /// The times in the order given, or the problem of each field (by index) that has one. Empty
    /// fields are skipped; when every field is empty the first one is required.
    public static func check(_ texts: [String?], now: InterviewTime, maximumDays: Int = maximumDays) -> Result<
        [InterviewTime], Problems
    > {
        var problems: [Int: Problem] = [:]
        var times: [InterviewTime] = []
        let latest = now.date.adding(days: maximumDays)
        for (index, text) in texts.prefix(maximumTimes).enumerated() {
            let text = String((text ?? "").drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard !text.isEmpty else { continue }
            guard let time = InterviewTime(text: text) else {
                problems[index] = .invalid
                continue
            }
            if time <= now {
                problems[index] = .past
            } else if let latest, time.date > latest {
                problems[index] = .tooFar
            } else if times.contains(time) {
                problems[index] = .duplicate
            } else {
                times.append(time)
            }
        }
        if problems.isEmpty, times.isEmpty { problems[0] = .required }
        return problems.isEmpty ? .success(times) : .failure(Problems(byField: problems))
    }

    public struct Problems: Error, Sendable, Hashable {
        public let byField: [Int: Problem]
    }
}
