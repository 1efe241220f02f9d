import Foundation
import PraktikCore
import Testing

@testable import PraktikServer

/// The intake capability's strings: every key in Swedish, English and Danish, and every key the
/// code builds from an enumeration present.
@Suite("Intake: translations")
struct IntakeTranslationTests {
    func table(_ language: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "Resources/Locales/\(language)/intake.json"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    @Test("Swedish, English and Danish have the same keys, none empty")
    func sameKeys() throws {
        let sv = try table("sv"), en = try table("en"), da = try table("da")
        #expect(Set(sv.keys) == Set(en.keys), "\(Set(sv.keys).symmetricDifference(en.keys).sorted())")
        #expect(Set(sv.keys) == Set(da.keys), "\(Set(sv.keys).symmetricDifference(da.keys).sorted())")
        for (language, strings) in [("sv", sv), ("en", en), ("da", da)] {
            #expect(strings.values.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(language) has an empty text")
        }
    }

    @Test("keys built from the code's enumerations exist")
    func derivedKeys() throws {
        var keys: [String] = []
        keys += ApplicantIdentification.allCases.map { "apply.identification.\($0.rawValue)" }
        keys += Gender.allCases.map { "apply.gender.\($0.rawValue)" }
        keys += BirthRegion.allCases.map { "apply.birth-region.\($0.rawValue)" }
        keys += EducationLevel.allCases.map { "apply.education-level.\($0.rawValue)" }
        keys += EducationField.allCases.map { "education-field.\($0.rawValue)" }
        keys += ApplicantAnswer.allCases.map { "apply.answer.\($0.rawValue)" }
        keys += PermitKind.allCases.map { "apply.permit.\($0.rawValue)" }
        keys += CurrentOccupation.allCases.map { "apply.occupation.\($0.rawValue)" }
        keys += ApplicationStatus.allCases.flatMap {
            ["application-status.\($0.rawValue)", "status.headline.\($0.rawValue)", "status.next.\($0.rawValue)"]
        }
        keys += ApplicationStatus.TransitionRefusal.allCases.map(\.code)
        keys += IntakeStatus.allCases.flatMap { ["intake-status.\($0.rawValue)", "intake-status.action.\($0.rawValue)"] }
        keys += IntakeStatus.TransitionRefusal.allCases.map(\.code)
        keys += [IntakeStatus.ApplicationRefusal.closed.code, IntakeStatus.ApplicationRefusal.notYetOpen.code]
        keys += EligibilityColour.allCases.map { "colour.\($0.rawValue)" }
        keys += ApplicantField.allCases.map { "applicant-field.\($0.rawValue)" }
        keys += ["met", "not_met", "unknown"].map { "rule-outcome.\($0)" }
        keys += CompletionItem.allCases.map { "completion.item.\($0.rawValue)" }
        keys += CompletionRequest.Status.allCases.map { "completion-status.\($0.rawValue)" }
        keys += [CompletionDeadlinePolicy.Refusal.tooSoon.code, CompletionDeadlinePolicy.Refusal.tooLate.code]
        keys += ProgrammeKind.allCases.map { "programme-kind.\($0.rawValue)" }
        keys += IntakeFunnel.Stage.allCases.map { "funnel.stage.\($0.rawValue)" }
        keys += IntakeFunnel.genders.map { "funnel.gender.\($0.rawValue)" }
        keys += ApplicantMessages.Kind.allCases.flatMap { ["apply.mail.\($0.rawValue).subject", "apply.mail.\($0.rawValue).body"] }
        keys += ["selected", "sending", "sent"].map { "outreach.selection-status.\($0)" }
        let all = try table("sv")
        let other = Set(Translations.allSwedishKeys())
        let missing = keys.filter { all[$0] == nil && !other.contains($0) }
        #expect(missing.isEmpty, "\(missing)")
        for language in ["en", "da"] {
            let strings = try table(language)
            #expect(keys.filter { strings[$0] == nil && all[$0] != nil }.isEmpty, "\(language)")
        }
    }

    @Test("every rule text and mail text keeps its placeholders in every language")
    func placeholders() throws {
        let sv = try table("sv"), en = try table("en"), da = try table("da")
        let pattern = try Regex(#"\{\d\}"#)
        for (key, text) in sv {
            let wanted = Set(text.matches(of: pattern).map { String(text[$0.range]) })
            for (language, other) in [("en", en), ("da", da)] {
                let found = Set((other[key] ?? "").matches(of: pattern).map { String((other[key] ?? "")[$0.range]) })
                #expect(found == wanted, "\(language) \(key)")
            }
        }
    }
}

extension Translations {
    /// Every Swedish key of every capability, for keys the intake pages borrow (form.*, list.*).
    static func allSwedishKeys() -> [String] {
        let folder = packageRoot + "Resources/Locales/sv"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.flatMap { file -> [String] in
            guard let data = FileManager.default.contents(atPath: folder + "/" + file),
                let table = try? JSONDecoder().decode([String: String].self, from: data)
            else { return [] }
            return Array(table.keys)
        }
    }
}
