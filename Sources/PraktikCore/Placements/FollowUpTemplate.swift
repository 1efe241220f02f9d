/// When in a placement a follow-up form is answered.
public enum FollowUpStage: String, CaseIterable, Codable, Sendable, Hashable {
    case start
    case mid
    case end
}

/// Who answers a follow-up form.
public enum FollowUpRespondent: String, CaseIterable, Codable, Sendable, Hashable {
    case participant
    /// The supervisor at the workplace (handledare), by link or in the employer portal.
    case supervisor
    case caseWorker = "case_worker"
}

/// The types of question a template may hold (seed 000: standardized forms instead of free text).
public enum FollowUpQuestionKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// 1 (not at all) to 5 (very much).
    case scale
    case singleChoice = "single_choice"
    case yesNo = "yes_no"
    case date
    case shortText = "short_text"
}

/// What a question measures, when the system itself reads the answer: the end form's "was it
/// completed? was employment offered, of which kind? what was learned against the purpose?". An
/// admin may reword the question; its meaning stays, so reports and the placement read it.
public enum FollowUpMeaning: String, CaseIterable, Codable, Sendable, Hashable {
    case completed
    /// Single choice: `none` or an `EmploymentKind`.
    case employmentOffered = "employment_offered"
    /// Scale: how much of what the purpose set out to give was learned.
    case learnedAgainstPurpose = "learned_against_purpose"
    /// Scale: the participant's overall rating of the placement (the board's "feedback").
    case overallRating = "overall_rating"
}

/// One question of a template, with its text in every interface language (keyed by language tag).
public struct FollowUpQuestion: Codable, Sendable, Hashable {
    public struct Option: Codable, Sendable, Hashable {
        public var value: String
        public var text: [String: String]

        public init(value: String, text: [String: String]) {
            self.value = value
            self.text = text
        }
    }

    /// Stable within the template across versions: answers to the same key compare across versions.
    public var key: String
    public var kind: FollowUpQuestionKind
    public var required: Bool
    public var text: [String: String]
    public var options: [Option]
    public var meaning: FollowUpMeaning?

    public init(
        key: String, kind: FollowUpQuestionKind, required: Bool, text: [String: String], options: [Option] = [],
        meaning: FollowUpMeaning? = nil
    ) {
        self.key = key
        self.kind = kind
        self.required = required
        self.text = text
        self.options = options
        self.meaning = meaning
    }

    /// The text in `language`, else Swedish, else any.
    public func text(in language: String) -> String {
        text[language] ?? text["sv"] ?? text.values.sorted().first ?? key
    }
}

/// The questions of one template version. A version never changes once stored; an edit is a new
/// version, so every answer keeps the wording it was given to.
public struct FollowUpTemplateContent: Codable, Sendable, Hashable {
    public var questions: [FollowUpQuestion]

    public init(questions: [FollowUpQuestion]) { self.questions = questions }

    public enum Problem: Sendable, Hashable {
        case noQuestions
        case tooManyQuestions
        case keyInvalid(index: Int)
        case keyTwice(index: Int)
        case textMissing(index: Int, language: String)
        case textTooLong(index: Int, language: String)
        case optionsMissing(index: Int)
        case optionInvalid(index: Int)
        case meaningTwice(index: Int)
        case meaningWrongKind(index: Int)

        public var code: String {
            switch self {
            case .noQuestions: "follow-up-template.problem.no-questions"
            case .tooManyQuestions: "follow-up-template.problem.too-many-questions"
            case .keyInvalid: "follow-up-template.problem.key-invalid"
            case .keyTwice: "follow-up-template.problem.key-twice"
            case .textMissing: "follow-up-template.problem.text-missing"
            case .textTooLong: "follow-up-template.problem.text-too-long"
            case .optionsMissing: "follow-up-template.problem.options-missing"
            case .optionInvalid: "follow-up-template.problem.option-invalid"
            case .meaningTwice: "follow-up-template.problem.meaning-twice"
            case .meaningWrongKind: "follow-up-template.problem.meaning-wrong-kind"
            }
        }

        public var questionIndex: Int? {
            switch self {
            case .noQuestions, .tooManyQuestions: nil
            case .keyInvalid(let i), .keyTwice(let i), .textMissing(let i, _), .textTooLong(let i, _), .optionsMissing(let i),
                .optionInvalid(let i), .meaningTwice(let i), .meaningWrongKind(let i):
                i
            }
        }
    }

    public static let maximumQuestions = 40
    public static let maximumTextLength = 500
    public static let maximumOptions = 12

    /// Everything wrong with the content, so an admin's edit can be refused with every reason at once.
    /// `languages` are the interface languages every text must exist in.
    public func problems(languages: [String]) -> [Problem] {
        var problems: [Problem] = []
        if questions.isEmpty { problems.append(.noQuestions) }
        if questions.count > Self.maximumQuestions { problems.append(.tooManyQuestions) }
        var keys: Set<String> = []
        var meanings: Set<FollowUpMeaning> = []
        for (index, question) in questions.enumerated() {
            if !Self.isValidKey(question.key) {
                problems.append(.keyInvalid(index: index))
            } else if !keys.insert(question.key).inserted {
                problems.append(.keyTwice(index: index))
            }
            for language in languages {
                let text = question.text[language].map { String($0.trimmingSurroundingWhitespace()) } ?? ""
                if text.isEmpty { problems.append(.textMissing(index: index, language: language)) }
                if text.count > Self.maximumTextLength { problems.append(.textTooLong(index: index, language: language)) }
            }
            if question.kind == .singleChoice {
                if question.options.count < 2 || question.options.count > Self.maximumOptions {
                    problems.append(.optionsMissing(index: index))
                }
                var values: Set<String> = []
                for option in question.options {
                    let complete = languages.allSatisfy { !(option.text[$0] ?? "").trimmingSurroundingWhitespace().isEmpty }
                    if !Self.isValidKey(option.value) || !values.insert(option.value).inserted || !complete {
                        problems.append(.optionInvalid(index: index))
                        break
                    }
                }
            }
            if let meaning = question.meaning {
                if !meanings.insert(meaning).inserted { problems.append(.meaningTwice(index: index)) }
                if question.kind != meaning.kind { problems.append(.meaningWrongKind(index: index)) }
            }
        }
        return problems
    }

    /// Keys and option values: lower-case ASCII letters, digits and `_`, 1–40 characters.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 40
            && key.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }

    public func question(meaning: FollowUpMeaning) -> FollowUpQuestion? {
        questions.first { $0.meaning == meaning }
    }
}

extension FollowUpMeaning {
    /// The question type a meaning is read from.
    public var kind: FollowUpQuestionKind {
        switch self {
        case .completed: .yesNo
        case .employmentOffered: .singleChoice
        case .learnedAgainstPurpose, .overallRating: .scale
        }
    }
}
