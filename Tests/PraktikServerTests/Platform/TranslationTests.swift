import Foundation
import PraktikCore
import Testing

@testable import PraktikServer

@Suite("Translations")
struct TranslationTests {
    let translations: Translations

    init() throws {
        translations = try Translations.load(from: packageRoot + "Resources/Locales")
    }

    @Test("Swedish and English have the same keys")
    func sameKeys() {
        let swedish = translations.keys(in: .swedish)
        let english = translations.keys(in: .english)
        #expect(swedish.subtracting(english).isEmpty, "missing in English: \(swedish.subtracting(english).sorted())")
        #expect(english.subtracting(swedish).isEmpty, "missing in Swedish: \(english.subtracting(swedish).sorted())")
        #expect(swedish.count > 100)
    }

    @Test("every key a template names exists")
    func templateKeysExist() throws {
        let views = packageRoot + "Resources/Views"
        let enumerator = FileManager.default.enumerator(atPath: views)
        var used: Set<String> = []
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".leaf") else { continue }
            let text = try String(contentsOfFile: views + "/" + file, encoding: .utf8)
            let pattern = try Regex(#"#t\("([^"]+)""#)
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { used.insert(String(key)) }
            }
        }
        // Swift views (`*View.swift`) name their keys as `t("key")`.
        let sources = packageRoot + "Sources/PraktikServer"
        let swiftFiles = FileManager.default.enumerator(atPath: sources)
        while let file = swiftFiles?.nextObject() as? String {
            guard file.hasSuffix("View.swift") else { continue }
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in text.matches(of: try Regex(#"\bt\("([^"]+)""#)) {
                if let key = match.output[1].substring { used.insert(String(key)) }
            }
        }
        #expect(used.count > 50)
        #expect(used.contains("participants.search.hint"), "the Swift views' keys are read")
        let missing = used.subtracting(translations.keys(in: .swedish))
        #expect(missing.isEmpty, "keys used in templates but not translated: \(missing.sorted())")
    }

    @Test("keys derived from the code's enumerations exist")
    func derivedKeysExist() {
        var keys: [String] = []
        keys += Role.allCases.map { "role.\($0.rawValue)" }
        keys += Role.allCases.map { "start.role-intro.\($0.rawValue)" }
        keys += UnitKind.allCases.map { "unit-kind.\($0.rawValue)" }
        keys += AuditLog.Action.allCases.map { "audit.action.\($0.rawValue)" }
        keys += PasswordPolicy.Violation.allCases.map(\.messageKey)
        keys += AppLanguage.allCases.map { "language.\($0.rawValue)" }
        keys += TransferStatus.allCases.map { "transfer-status.\($0.rawValue)" }
        keys += TransferStatus.Refusal.allCases.map(\.code)
        for role in Role.allCases {
            for item in Layout.navigation(for: role) {
                keys.append(item.labelKey)
                if item.url.path != SiteURL.start.path { keys.append(item.labelKey + ".description") }
            }
        }
        let errors: [AppError] = [
            .notFound, .forbidden, .unauthenticated, .invalidCSRFToken, .tooManyAttempts(retryAfterSeconds: 1), .unavailable,
        ]
        keys += errors.map(\.messageKey)
        for language in AppLanguage.allCases {
            let missing = Set(keys).subtracting(translations.keys(in: language))
            #expect(missing.isEmpty, "\(language): \(missing.sorted())")
        }
    }

    @Test("arguments are placed into sentences")
    func arguments() {
        #expect(translations.text(for: "list.page-of", in: .english, arguments: ["2", "5"]) == "Page 2 of 5")
        #expect(translations.text(for: "list.page-of", in: .swedish, arguments: ["2", "5"]) == "Sida 2 av 5")
    }
}
