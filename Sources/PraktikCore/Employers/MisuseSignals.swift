/// Signs that an employer may be using interns as free labour, shown on the employer's page and in
/// a list for case workers. They are prompts to look closer, never automatic refusals.
public enum MisuseSignals {
    /// Configured by the administrator (environment), with defaults that flag clear cases only.
    public struct Thresholds: Sendable, Hashable {
        /// The same participant placed at the same workplace this many times or more, one of the
        /// placements ending within `lookBackDays` or later: a repeat long past is no prompt today.
        public var repeatedPlacements: Int
        /// This many interns or more within `lookBackDays`…
        public var internsWithoutHire: Int
        /// …and not one hired at the workplace.
        public var lookBackDays: Int
        /// Current interns as a share of the employer's staff above this (0.25 = one in four).
        public var maximumInternShare: Double
        /// Requests unanswered for more than `answerDays` days, this many or more.
        public var unansweredRequests: Int
        public var answerDays: Int

        public init(
            repeatedPlacements: Int = 2, internsWithoutHire: Int = 5, lookBackDays: Int = 365,
            maximumInternShare: Double = 0.25, unansweredRequests: Int = 2, answerDays: Int = 14
        ) {
            self.repeatedPlacements = repeatedPlacements
            self.internsWithoutHire = internsWithoutHire
            self.lookBackDays = lookBackDays
            self.maximumInternShare = maximumInternShare
            self.unansweredRequests = unansweredRequests
            self.answerDays = answerDays
        }

        public static let standard = Thresholds()
    }

    /// Counts for one employer, computed in SQL by the caller.
    public struct Activity: Sendable, Hashable {
        /// The most placements any one participant has had at any one of the employer's workplaces,
        /// over the pairs with a placement that ends within the look-back window or later.
        public var mostPlacementsOfOneParticipantAtOneWorkplace: Int
        /// Placements that overlapped the look-back window.
        public var internsInWindow: Int
        /// Of those, how many ended with a job at the workplace.
        public var hiresInWindow: Int
        /// Placements running today.
        public var currentInterns: Int
        /// The employer's staff; nil when not known (then the share cannot be judged).
        public var employees: Int?
        /// Requests older than `answerDays` with no answer.
        public var overdueRequests: Int

        public init(
            mostPlacementsOfOneParticipantAtOneWorkplace: Int = 0, internsInWindow: Int = 0, hiresInWindow: Int = 0,
            currentInterns: Int = 0, employees: Int? = nil, overdueRequests: Int = 0
        ) {
            self.mostPlacementsOfOneParticipantAtOneWorkplace = mostPlacementsOfOneParticipantAtOneWorkplace
            self.internsInWindow = internsInWindow
            self.hiresInWindow = hiresInWindow
            self.currentInterns = currentInterns
            self.employees = employees
            self.overdueRequests = overdueRequests
        }
    }

    public enum Signal: String, Sendable, Hashable, CaseIterable, Codable {
        case repeatedPlacement = "repeated_placement"
        case internsWithoutHires = "interns_without_hires"
        case internShareAboveLimit = "intern_share_above_limit"
        case unansweredRequests = "unanswered_requests"
    }

    /// The signals raised, in declaration order.
    public static func detect(_ activity: Activity, thresholds: Thresholds = .standard) -> [Signal] {
        var signals: [Signal] = []
        if activity.mostPlacementsOfOneParticipantAtOneWorkplace >= thresholds.repeatedPlacements {
            signals.append(.repeatedPlacement)
        }
        if activity.internsInWindow >= thresholds.internsWithoutHire, activity.hiresInWindow == 0 {
            signals.append(.internsWithoutHires)
        }
        if let employees = activity.employees, activity.currentInterns > 0 {
            // No staff at all and interns anyway is the clearest case of all.
            if employees <= 0 || Double(activity.currentInterns) / Double(employees) > thresholds.maximumInternShare {
                signals.append(.internShareAboveLimit)
            }
        }
        if activity.overdueRequests >= thresholds.unansweredRequests {
            signals.append(.unansweredRequests)
        }
        return signals
    }
}
