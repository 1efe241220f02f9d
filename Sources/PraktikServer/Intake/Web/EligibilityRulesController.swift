import Foundation
import PraktikCore
import Vapor

/// Every version of every rule set, readable: what each rule requires, what it reads and what it
/// answers, so case workers can explain a colour and see how versions differ.
enum EligibilityRulesController {
    struct Page: Encodable {
        struct RuleSet: Encodable {
            let anchor: String
            let name: String
            let version: Int
            let rules: [Rule]
        }

        struct Rule: Encodable {
            let code: String
            let text: String
            let notMetKey: String
            let notMet: String
            let unknownKey: String
            let unknown: String
            let reads: [String]
        }

        let ruleSets: [RuleSet]
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let tag = request.language.tag
        let page = Page(
            ruleSets: EligibilityRuleSets.all.sorted { ($0.code, $0.version) < ($1.code, $1.version) }.map { ruleSet in
                Page.RuleSet(
                    anchor: "\(ruleSet.code)-v\(ruleSet.version)", name: ruleSet.name(in: tag), version: ruleSet.version,
                    rules: ruleSet.rules.map { rule in
                        Page.Rule(
                            code: rule.code, text: rule.text(in: tag), notMetKey: "colour.\(rule.whenNotMet.rawValue)",
                            notMet: rule.whenNotMet.rawValue,
                            unknownKey: "colour.\(rule.whenUnknown.rawValue)", unknown: rule.whenUnknown.rawValue,
                            reads: rule.reads.map { "applicant-field.\($0.rawValue)" })
                    })
            })
        return try await request.render("Intake/eligibility-rules", page, layout: .init(request: request, titleKey: "rules.title"))
    }
}
