/// How the `feedback` report (issue 14, seed 000: "what did the interns think of their placement")
/// reads the end forms' answers: by the question's meaning, never its wording, so an admin's
/// rewording of a template keeps the report comparable across years.
public enum FeedbackReading {
    /// The questions the report counts, in its order.
    public static let questions: [FollowUpMeaning] = [.overallRating, .learnedAgainstPurpose, .completed, .employmentOffered]

    /// Who answered: the intern and the supervisor (the case worker's own form is not feedback).
    public static let respondents: [FollowUpRespondent] = [.participant, .supervisor]

    /// A scale answer of this or more (of 1–5) counts as positive: the "top two boxes", a share that
    /// reads more plainly than a mean and is not pulled by a few extreme answers.
    public static let positiveScaleFrom = 4

    /// Whether a stored answer (`value`, and `number` for scales and yes/no) to a question of this
    /// meaning is positive: completed, offered some job, or rated 4 or 5.
    public static func isPositive(_ meaning: FollowUpMeaning, value: String, number: Int?) -> Bool {
        switch meaning {
        case .completed: number == 1
        case .employmentOffered: !value.isEmpty && value != "none"
        case .learnedAgainstPurpose, .overallRating: (number ?? 0) >= positiveScaleFrom
        }
    }

    /// Whether the report gives the question's mean (scales only).
    public static func hasMean(_ meaning: FollowUpMeaning) -> Bool {
        meaning == .learnedAgainstPurpose || meaning == .overallRating
    }
}

/// A mean with one decimal, as the reports write it; nil when the count is hidden (the mean of a
/// hidden count would tell about the few people in it) or zero.
public enum ReportMean {
    public static func mean(sum: Int, of count: DisclosedCell) -> String? {
        guard case .shown(let whole) = count, whole > 0 else { return nil }
        let tenths = (sum * 10 * 2 + whole) / (whole * 2)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
