/// A programme's conditions in one version. An intake is bound to one version when it is created;
/// a change of the rules is a new version, so applications to earlier intakes keep the rules they
/// were judged by.
public struct EligibilityRuleSet: Codable, Sendable, Hashable {
    /// The family of versions, e.g. `jobbspranget`.
    public var code: String
    public var version: Int
    /// Language tag to the rule set's name.
    public var names: [String: String]
    public var rules: [EligibilityRule]

    public init(code: String, version: Int, names: [String: String], rules: [EligibilityRule]) {
        self.code = code
        self.version = version
        self.names = names
        self.rules = rules
    }

    public func name(in languageTag: String) -> String {
        names[languageTag] ?? names[AppLanguage.default.tag] ?? code
    }

    public func rule(_ code: String) -> EligibilityRule? { rules.first { $0.code == code } }

    /// Runs every rule; the result lists each one that fired.
    public func evaluate(_ facts: ApplicantFacts, in context: EligibilityContext) -> EligibilityEvaluation {
        EligibilityEvaluation(fired: rules.compactMap { $0.check(facts, in: context) })
    }

    /// Problems that make a rule set unusable: a repeated code, a missing text, a rule that
    /// cannot turn an application anything but green.
    public func problems(languageTags: [String]) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for rule in rules {
            if !seen.insert(rule.code).inserted { problems.append("\(rule.code): code used twice") }
            for tag in languageTags where (rule.texts[tag] ?? "").isEmpty { problems.append("\(rule.code): no text in \(tag)") }
            if rule.whenNotMet == .green { problems.append("\(rule.code): a rule that is not met must be orange or red") }
        }
        for tag in languageTags where (names[tag] ?? "").isEmpty { problems.append("no name in \(tag)") }
        return problems
    }
}
