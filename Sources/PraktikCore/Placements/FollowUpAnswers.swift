/// A given answer, typed by its question.
public enum FollowUpAnswer: Sendable, Hashable {
    case scale(Int)
    case choice(String)
    case yesNo(Bool)
    case date(CivilDate)
    case text(String)

    /// How the answer is stored: the number for a scale, the option's value, `yes`/`no`, the date, the text.
    public var storedText: String {
        switch self {
        case .scale(let value): String(value)
        case .choice(let value): value
        case .yesNo(let value): value ? "yes" : "no"
        case .date(let date): date.description
        case .text(let text): text
        }
    }

    /// The number kept beside the text so answers average in SQL: the scale value, 1/0 for yes/no.
    public var number: Int? {
        switch self {
        case .scale(let value): value
        case .yesNo(let value): value ? 1 : 0
        case .choice, .date, .text: nil
        }
    }
}

/// Reads a posted form against a template's questions: every answer that is fine is kept, every
/// problem is named per question, so the form can be shown again with the good answers in place.
public enum FollowUpAnswers {
    public enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        case required = "follow-up.answer.required"
        case outOfRange = "follow-up.answer.out-of-range"
        case unknownChoice = "follow-up.answer.unknown-choice"
        case invalidDate = "follow-up.answer.invalid-date"
        case tooLong = "follow-up.answer.too-long"

        public var code: String { rawValue }
    }

    public static let scaleRange = 1...5
    public static let maximumTextLength = 1_000

    public struct Reading: Sendable, Hashable {
        public var answers: [String: FollowUpAnswer] = [:]
        public var problems: [String: Problem] = [:]
        public var isComplete: Bool { problems.isEmpty }
    }

    /// `values` maps a question's key to what was posted for it (absent or empty: not answered).
    public static func read(_ values: [String: String], for questions: [FollowUpQuestion]) -> Reading {
        var reading = Reading()
        for question in questions {
            let raw = String((values[question.key] ?? "").trimmingSurroundingWhitespace())
            guard !raw.isEmpty else {
                if question.required { reading.problems[question.key] = .required }
                continue
            }
            switch parse(raw, as: question) {
            case .success(let answer): reading.answers[question.key] = answer
            case .failure(let problem): reading.problems[question.key] = problem
            }
        }
        return reading
    }

    static func parse(_ raw: String, as question: FollowUpQuestion) -> Result<FollowUpAnswer, Problem> {
        switch question.kind {
        case .scale:
            guard let value = Int(raw), scaleRange.contains(value) else { return .failure(.outOfRange) }
            return .success(.scale(value))
        case .singleChoice:
            guard question.options.contains(where: { $0.value == raw }) else { return .failure(.unknownChoice) }
            return .success(.choice(raw))
        case .yesNo:
            switch raw {
            case "yes": return .success(.yesNo(true))
            case "no": return .success(.yesNo(false))
            default: return .failure(.unknownChoice)
            }
        case .date:
            guard let date = CivilDate(iso8601: raw) else { return .failure(.invalidDate) }
            return .success(.date(date))
        case .shortText:
            guard raw.count <= maximumTextLength else { return .failure(.tooLong) }
            return .success(.text(raw))
        }
    }
}
