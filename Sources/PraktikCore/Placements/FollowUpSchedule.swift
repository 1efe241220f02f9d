/// When each follow-up form goes out, when it is reminded, and how long its link holds.
public enum FollowUpSchedule {
    /// Reminders to a respondent who has not answered, in days after the form was sent.
    public static let reminderDays = [3, 10]
    /// A link holds this many days after the form was sent: past the last reminder, with time to spare.
    public static let linkLifetimeDays = 30

    /// The forms of a placement: start and middle and end for the participant and the supervisor,
    /// and the case worker's own assessment at the end.
    public static let forms: [(stage: FollowUpStage, respondent: FollowUpRespondent)] = [
        (.start, .participant), (.start, .supervisor),
        (.mid, .participant), (.mid, .supervisor),
        (.end, .participant), (.end, .supervisor), (.end, .caseWorker),
    ]

    /// The day a form is due: the start form a week into the placement (when first impressions are
    /// clear), the middle form halfway, the end form on the last day.
    public static func dueDate(of stage: FollowUpStage, start: CivilDate, end: CivilDate) -> CivilDate {
        switch stage {
        case .start: min(end, start.adding(days: 7) ?? start)
        case .mid: CivilDate(dayNumber: (start.dayNumber + end.dayNumber) / 2) ?? start
        case .end: end
        }
    }

    /// The days reminders fall due after a form sent on `sent`.
    public static func reminderDates(sentOn sent: CivilDate) -> [CivilDate] {
        reminderDays.compactMap { sent.adding(days: $0) }
    }

    public static func linkExpiry(sentOn sent: CivilDate) -> CivilDate {
        sent.adding(days: linkLifetimeDays) ?? sent
    }
}

/// Outcome checkpoints after a placement ends (seed 003 measures the share in ordinary work or
/// education 3 months after the end). After exit, contact needs the person's voluntary, recorded
/// consent (seed 002): checkpoints exist only while the post-exit consent is active.
public enum OutcomeCheckpoints {
    public static let horizons: [OutcomeHorizon] = [.threeMonths, .sixMonths, .twelveMonths]

    /// The day a checkpoint is due: `horizon.months` after the last day of the placement.
    public static func dueDate(of horizon: OutcomeHorizon, afterEnd end: CivilDate) -> CivilDate {
        end.adding(months: horizon.months) ?? end
    }

    /// The checkpoints to schedule for a placement that ended on `end`, seen on `today`: every
    /// horizon not yet recorded or scheduled, and none at all without consent. A checkpoint whose
    /// due date has passed is still scheduled (and due at once) if consent arrived late.
    public static func toSchedule(
        end: CivilDate, consentActive: Bool, existing: Set<OutcomeHorizon>
    ) -> [(horizon: OutcomeHorizon, due: CivilDate)] {
        guard consentActive else { return [] }
        return horizons.filter { !existing.contains($0) }.map { ($0, dueDate(of: $0, afterEnd: end)) }
    }

    public enum Refusal: String, Error, Sendable, Hashable, CaseIterable {
        case noConsent = "checkpoint.refusal.no-consent"
        case notDue = "checkpoint.refusal.not-due"
        case cancelled = "checkpoint.refusal.cancelled"
        case alreadyAnswered = "checkpoint.refusal.already-answered"
        case placementNotEnded = "checkpoint.refusal.placement-not-ended"

        public var code: String { rawValue }
    }

    /// Whether an answer to a checkpoint may be recorded now. A register's answer rests on the
    /// register's legal basis where the person is still enrolled; every other source needs consent.
    public static func refusal(
        due: CivilDate, today: CivilDate, consentActive: Bool, isCancelled: Bool, isAnswered: Bool, placementHasRun: Bool
    ) -> Refusal? {
        if !placementHasRun { return .placementNotEnded }
        if isAnswered { return .alreadyAnswered }
        if isCancelled { return .cancelled }
        if !consentActive { return .noConsent }
        if today < due { return .notDue }
        return nil
    }
}
