/// One condition of a programme, as data: a stable code, what it requires, the colour when it is
/// not met (red, or orange for "check by hand"), the colour when the application cannot tell, and
/// the requirement in plain words in every language of the installation.
public struct EligibilityRule: Codable, Sendable, Hashable {
    public var code: String
    public var condition: EligibilityCondition
    public var whenNotMet: EligibilityColour
    public var whenUnknown: EligibilityColour
    /// Language tag ("sv", "en", "da") to the requirement, written for the applicant.
    public var texts: [String: String]

    public init(
        code: String, condition: EligibilityCondition, whenNotMet: EligibilityColour, whenUnknown: EligibilityColour = .orange,
        texts: [String: String]
    ) {
        self.code = code
        self.condition = condition
        self.whenNotMet = whenNotMet
        self.whenUnknown = whenUnknown
        self.texts = texts
    }

    /// The facts the rule reads.
    public var reads: [ApplicantField] { condition.reads }

    /// The requirement in `languageTag`, else Swedish, else the code.
    public func text(in languageTag: String) -> String {
        texts[languageTag] ?? texts[AppLanguage.default.tag] ?? code
    }

    /// Nil when the rule does not fire; otherwise why and with which colour.
    public func check(_ facts: ApplicantFacts, in context: EligibilityContext) -> FiredRule? {
        switch condition.evaluate(facts, in: context) {
        case .met: nil
        case .notMet: FiredRule(code: code, colour: whenNotMet, outcome: .notMet)
        case .unknown: FiredRule(code: code, colour: whenUnknown, outcome: .unknown)
        }
    }
}

/// A rule that fired for an application.
public struct FiredRule: Codable, Sendable, Hashable {
    public var code: String
    public var colour: EligibilityColour
    /// `notMet`: the application shows the requirement is not met; `unknown`: it cannot tell.
    public var outcome: EligibilityCondition.Outcome

    public init(code: String, colour: EligibilityColour, outcome: EligibilityCondition.Outcome) {
        self.code = code
        self.colour = colour
        self.outcome = outcome
    }
}

/// The result of the rules for one application: its colour and every rule that fired, in the
/// order of the rule set.
public struct EligibilityEvaluation: Codable, Sendable, Hashable {
    public var colour: EligibilityColour
    public var fired: [FiredRule]

    public init(fired: [FiredRule]) {
        self.fired = fired
        self.colour = fired.map(\.colour).max() ?? .green
    }
}
