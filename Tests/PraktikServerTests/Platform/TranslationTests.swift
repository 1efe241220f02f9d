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

    /// Each capability's file, per language, as it is on disk (the loaded tables merge the files).
    func files() throws -> [String: [AppLanguage: [String: String]]] {
        var files: [String: [AppLanguage: [String: String]]] = [:]
        for language in AppLanguage.allCases {
            let folder = packageRoot + "Resources/Locales/" + language.tag
            for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".json") {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
                files[file, default: [:]][language] = try JSONDecoder().decode([String: String].self, from: data)
            }
        }
        return files
    }

    // A capability built in parallel adds its file in every language; the message names the file
    // and the keys to write, so whoever merges knows exactly what is missing where.
    @Test("every language has every key, file by file")
    func sameKeys() throws {
        let files = try files()
        #expect(files.count >= 10)
        for (file, tables) in files.sorted(by: { $0.key < $1.key }) {
            let all = tables.values.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
            for language in AppLanguage.allCases {
                let missing = all.subtracting(tables[language]?.keys.map { $0 } ?? [])
                #expect(
                    missing.isEmpty,
                    "Resources/Locales/\(language.tag)/\(file) lacks \(missing.count) keys the other languages have: \(missing.sorted())")
            }
        }
        #expect(translations.keys(in: .swedish).count > 1_000)
    }

    @Test("no text is empty")
    func noEmptyText() throws {
        for (file, tables) in try files() {
            for (language, table) in tables {
                let empty = table.filter { $0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.keys
                #expect(empty.isEmpty, "Resources/Locales/\(language.tag)/\(file) has empty texts: \(empty.sorted())")
            }
        }
    }

    // A translation that drops `{1}` silently loses a name or a date; one that adds `{2}` shows it raw.
    @Test("every language uses the same placeholders in a text")
    func placeholdersMatch() throws {
        let placeholder = try Regex(#"\{[0-9]+\}"#)
        func placeholders(_ text: String) -> Set<String> { Set(text.matches(of: placeholder).map { String(text[$0.range]) }) }
        for key in translations.keys(in: .swedish) {
            let swedish = placeholders(translations.text(for: key, in: .swedish))
            for language in AppLanguage.allCases where language != .swedish {
                let other = placeholders(translations.text(for: key, in: language))
                #expect(other == swedish, "\(key): Swedish has \(swedish.sorted()), \(language.tag) has \(other.sorted())")
            }
        }
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
        for language in AppLanguage.allCases {
            let missing = used.subtracting(translations.keys(in: language))
            #expect(missing.isEmpty, "keys used in templates but missing in \(language.tag): \(missing.sorted())")
        }
    }

    /// Services, controllers and rules name keys as plain literals (`messageKey: "…"`,
    /// `request.translate("…")`, `labelKey: "…"`, a refusal's `code`). Every literal in the Swift
    /// sources that starts like a key (a first segment some key has, then a dot) must be a key, or
    /// the prefix of keys that the code completes with an enumeration's raw value
    /// (`Choice.all(…, prefix: "apply.answer", …)`). File names in paths (`export.csv`) are not keys.
    @Test("every key the Swift code names exists")
    func swiftKeysExist() throws {
        let keys = translations.keys(in: .swedish)
        let namespaces = Set(keys.compactMap { $0.split(separator: ".").first.map(String.init) })
        let prefixes = Set(
            keys.flatMap { key in
                let parts = key.split(separator: ".")
                return (1..<parts.count).map { parts[..<$0].joined(separator: ".") }
            })
        let literal = try Regex(#""([a-z][a-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+)""#)
        var named = 0
        var missing: [String] = []
        for source in try swiftSources(under: ["Sources/PraktikServer", "Sources/PraktikCore"]) {
            for match in source.text.matches(of: literal) {
                guard let found = match.output[1].substring.map(String.init) else { continue }
                guard let namespace = found.split(separator: ".").first, namespaces.contains(String(namespace)) else { continue }
                if [".csv", ".json", ".leaf", ".html"].contains(where: found.hasSuffix) { continue }
                named += 1
                if !keys.contains(found) && !prefixes.contains(found) { missing.append("\(found) (\(source.path))") }
            }
        }
        #expect(named > 500, "the sources' keys are read")
        #expect(missing.isEmpty, "keys named in Swift but not translated: \(missing.sorted())")
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
        keys += InterviewStatus.allCases.map(\.key)
        keys += InterviewStatus.TransitionRefusal.allCases.map(\.code)
        keys += InterviewOutcome.allCases.map(\.key)
        keys += InterviewProposal.Problem.allCases.map(\.rawValue)
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
        #expect(translations.text(for: "list.page-of", in: .danish, arguments: ["2", "5"]) == "Side 2 af 5")
        #expect(translations.text(for: "list.page-of", in: .english, arguments: ["2", "5"]) == "Page 2 of 5")
        #expect(translations.text(for: "list.page-of", in: .swedish, arguments: ["2", "5"]) == "Sida 2 av 5")
    }

    @Test("an argument is placed once, never read as a sentence itself; a placeholder without one stays")
    func argumentsPlacedOnce() {
        #expect(Translations.filling("{0} of {1}", with: ["{1}", "five"]) == "{1} of five")
        #expect(Translations.filling("{1} then {0}, {0} again", with: ["a", "b"]) == "b then a, a again")
        #expect(Translations.filling("{0} and {2}", with: ["a"]) == "a and {2}")
        #expect(Translations.filling("{x} {} {0", with: ["a"]) == "{x} {} {0")
        #expect(Translations.filling("Åsa {0} 👩🏽‍💼 {0}", with: ["Öberg"]) == "Åsa Öberg 👩🏽‍💼 Öberg")
        #expect(Translations.filling("{10}", with: (0...10).map(String.init)) == "10")
        #expect(Translations.filling("", with: ["a"]) == "")
    }
}
