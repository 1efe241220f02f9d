import Foundation
import PraktikCore
import Testing

@Suite("Eligibility rule sets")
struct EligibilityRuleSetTests {
    @Test("every shipped rule set has unique codes and a text in Swedish, English and Danish")
    func complete() {
        for ruleSet in EligibilityRuleSets.all {
            #expect(ruleSet.problems(languageTags: ["sv", "en", "da"]).isEmpty, "\(ruleSet.code) v\(ruleSet.version)")
        }
        let versions = EligibilityRuleSets.all.map { "\($0.code)@\($0.version)" }
        #expect(Set(versions).count == versions.count, "a version is defined twice")
    }

    @Test("the problems of a broken rule set are named")
    func problems() {
        let broken = EligibilityRuleSet(
            code: "x", version: 1, names: ["sv": "X"],
            rules: [
                EligibilityRule(code: "a", condition: .registeredAsJobSeeker, whenNotMet: .green, texts: ["sv": "A"]),
                EligibilityRule(code: "a", condition: .notPlacedBeforeInProgramme, whenNotMet: .red, texts: ["sv": "A", "en": "A"]),
            ])
        let problems = broken.problems(languageTags: ["sv", "en"])
        #expect(problems.contains("a: code used twice"))
        #expect(problems.contains("a: no text in en"))
        #expect(problems.contains("a: a rule that is not met must be orange or red"))
        #expect(problems.contains("no name in en"))
    }

    @Test("versions of one family judge the same applicant differently, each by its own rules")
    func versionsDiffer() throws {
        var facts = eligibleApplicant()
        facts.languages = [.ar: .native, .en: .b1]
        facts.swedishWorkExperienceMonths = 30
        let context = try autumnPeriod()
        let old = EligibilityRuleSets.jobbsprangetV1.evaluate(facts, in: context)
        let new = EligibilityRuleSets.jobbsprangetV2.evaluate(facts, in: context)
        #expect(old.colour == .orange)
        #expect(old.fired.map(\.code) == ["limited-swedish-experience", "good-english-or-swedish"])
        #expect(new.colour == .red)
        #expect(new.fired.map(\.code) == ["good-english-or-swedish"], "v2 accepts 30 months in Sweden")
        #expect(EligibilityRuleSets.latest.first { $0.code == "jobbspranget" }?.version == 2)
        #expect(EligibilityRuleSets.find(code: "jobbspranget", version: 1) == EligibilityRuleSets.jobbsprangetV1)
        #expect(EligibilityRuleSets.find(code: "jobbspranget", version: 9) == nil)
    }

    @Test("a rule set survives storage as JSON unchanged, texts and conditions included")
    func roundTrip() throws {
        for ruleSet in EligibilityRuleSets.all {
            let data = try JSONEncoder().encode(ruleSet)
            #expect(try JSONDecoder().decode(EligibilityRuleSet.self, from: data) == ruleSet)
        }
        let evaluation = EligibilityRuleSets.jobbsprangetV1.evaluate(eligibleApplicant(), in: try autumnPeriod())
        #expect(try JSONDecoder().decode(EligibilityEvaluation.self, from: JSONEncoder().encode(evaluation)) == evaluation)
    }

    @Test("a rule's text falls back to Swedish, then to its code")
    func textFallback() {
        let rule = EligibilityRule(code: "c", condition: .registeredAsJobSeeker, whenNotMet: .red, texts: ["sv": "Svenska"])
        #expect(rule.text(in: "en") == "Svenska")
        #expect(EligibilityRule(code: "c", condition: .registeredAsJobSeeker, whenNotMet: .red, texts: [:]).text(in: "en") == "c")
    }

    @Test("completion items suggested from the rules that could not tell")
    func suggestedItems() throws {
        var facts = eligibleApplicant()
        facts.permit = .pending
        facts.registeredAsJobSeeker = nil
        let ruleSet = EligibilityRuleSets.jobbsprangetV1
        let evaluation = ruleSet.evaluate(facts, in: try autumnPeriod())
        #expect(CompletionItem.suggested(for: evaluation.fired, in: ruleSet) == [.permit, .registration])
    }
}
