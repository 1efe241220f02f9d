import Foundation
import Matching
import PraktikCore

/// A fit score's explanation in the reader's language: one phrase per component that counts, with
/// its points, from the facts the library recorded (`FitReason`), never from its English text.
enum ExplanationText {
    static func phrases(_ components: [FitComponent], in language: AppLanguage, translations: Translations) -> [String] {
        func text(_ key: String, _ arguments: String...) -> String { translations.text(for: key, in: language, arguments: arguments) }
        let formatting = LocalFormatting(language: language)
        return components.filter { $0.maximumPoints > 0 }.map { component in
            let phrase: String
            switch component.reason {
            case .preferredArea(let area, _): phrase = text("selection.reason.preferred", text("education-field.\(area)"))
            case .areaNotPreferred(let area): phrase = text("selection.reason.not-preferred", text("education-field.\(area)"))
            case .languages(let fits):
                phrase = fits.map { fit in
                    text(
                        "selection.reason.language", text("language-name.\(fit.language)"), text("selection.band.\(name(of: fit.level))"),
                        text("selection.band.\(name(of: fit.minimum))"))
                }.joined(separator: "; ")
            case .noLanguageRequirements: phrase = text("selection.reason.no-language")
            case .proximity(let band): phrase = text("selection.reason.proximity.\(band.rawValue)")
            case .skills, .noSkillsAsked: phrase = text("selection.reason.skills")
            }
            return text(
                "selection.reason.points", phrase, formatting.number(component.points.rounded()),
                formatting.number(component.maximumPoints.rounded()))
        }
    }

    static func name(of band: LanguageBand) -> String {
        switch band {
        case .none: "none"
        case .basic: "basic"
        case .intermediate: "intermediate"
        case .fluent: "fluent"
        }
    }
}
