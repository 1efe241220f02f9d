/// "May this place be used now?": the question the placement decision asks before a participant is
/// placed (seed 004: the employment service checks the employer before deciding). A pure function of
/// plain values, so the answer and its reasons are the same in every caller and fully testable.
public enum PlaceUsability {
    /// Everything the answer depends on, read from the register by the caller.
    public struct Facts: Sendable, Hashable {
        public var status: PlaceStatus
        public var periodStart: CivilDate
        public var periodEnd: CivilDate
        public var capacity: Int
        /// Placements that hold a seat now (planned or active).
        public var seatsTaken: Int
        public var employerIsActive: Bool
        /// One standing per check the admin marked as required; a missing record is `.missing`.
        public var requiredChecks: [EmployerCheckStanding]

        public init(
            status: PlaceStatus, periodStart: CivilDate, periodEnd: CivilDate, capacity: Int, seatsTaken: Int,
            employerIsActive: Bool, requiredChecks: [EmployerCheckStanding]
        ) {
            self.status = status
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.capacity = capacity
            self.seatsTaken = seatsTaken
            self.employerIsActive = employerIsActive
            self.requiredChecks = requiredChecks
        }
    }

    /// One reason for a no. `checkKey` names the employer check concerned, when there is one.
    public struct Reason: Sendable, Hashable {
        public enum Code: String, Sendable, Hashable, CaseIterable {
            case awaitingApproval = "usability.awaiting-approval"
            case notOpen = "usability.not-open"
            case periodOver = "usability.period-over"
            case noFreeSeat = "usability.no-free-seat"
            case employerInactive = "usability.employer-inactive"
            case checkMissing = "usability.check-missing"
            case checkFailed = "usability.check-failed"
            case checkExpired = "usability.check-expired"
        }

        public let code: Code
        public let checkKey: String?

        public init(_ code: Code, checkKey: String? = nil) {
            self.code = code
            self.checkKey = checkKey
        }
    }

    public enum Answer: Sendable, Hashable {
        case allowed
        case refused([Reason])

        public var isAllowed: Bool { self == .allowed }
        public var reasons: [Reason] {
            if case .refused(let reasons) = self { return reasons }
            return []
        }
    }

    /// Every reason that applies, not just the first, so the case worker sees all that must be
    /// fixed at once. The order is stable: the place first, then the employer, then each check.
    public static func answer(_ facts: Facts, on day: CivilDate) -> Answer {
        var reasons: [Reason] = []
        switch facts.status {
        case .open: break
        case .proposed: reasons.append(Reason(.awaitingApproval))
        case .draft, .filled, .closed: reasons.append(Reason(.notOpen))
        }
        if facts.periodEnd < day { reasons.append(Reason(.periodOver)) }
        // A filled place is already refused as not open; say "no seat" only for an open one that is
        // full in fact (the status lags behind a placement made a moment ago).
        if facts.status != .filled, facts.seatsTaken >= facts.capacity { reasons.append(Reason(.noFreeSeat)) }
        if !facts.employerIsActive { reasons.append(Reason(.employerInactive)) }
        for check in facts.requiredChecks {
            switch check.state(on: day) {
            case .passed: break
            case .missing: reasons.append(Reason(.checkMissing, checkKey: check.checkKey))
            case .failed: reasons.append(Reason(.checkFailed, checkKey: check.checkKey))
            case .expired: reasons.append(Reason(.checkExpired, checkKey: check.checkKey))
            }
        }
        return reasons.isEmpty ? .allowed : .refused(reasons)
    }

    /// "May this place be opened now?": every transition that makes a place usable (a case worker
    /// approving a proposal, reopening a draft, filled or closed place, an import's "open") asks
    /// this, the same question as for use, so a place that may not be used is never open. A place
    /// whose employer failed "no labour dispute" was approved and opened while its page said "may
    /// not be used".
    public static func answerForOpening(_ facts: Facts, on day: CivilDate) -> Answer {
        var opened = facts
        opened.status = .open
        return answer(opened, on: day)
    }
}
