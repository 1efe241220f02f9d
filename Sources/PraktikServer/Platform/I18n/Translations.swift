import Foundation
import PraktikCore
import Vapor

/// Every user-facing sentence, per language, loaded from `Resources/Locales/<tag>/*.json`: one file
/// per capability, so each capability keeps its own strings and a key defined twice is an error.
///
/// Views and services name strings by key; nothing user-facing is written in a template. A test
/// checks that every language has every key and that every key used in a template exists.
public struct Translations: Sendable {
    private let tables: [AppLanguage: [String: String]]

    public init(tables: [AppLanguage: [String: String]]) {
        self.tables = tables
    }

    public static func load(from directory: String) throws -> Translations {
        var tables: [AppLanguage: [String: String]] = [:]
        for language in AppLanguage.allCases {
            let folder = directory + "/" + language.tag
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".json") }.sorted()
            guard !files.isEmpty else {
                throw Settings.Problems(messages: ["no translation files in \(folder)"])
            }
            var table: [String: String] = [:]
            for file in files {
                guard let data = FileManager.default.contents(atPath: folder + "/" + file) else { continue }
                let strings = try JSONDecoder().decode([String: String].self, from: data)
                for (key, text) in strings {
                    if table[key] != nil {
                        throw Settings.Problems(messages: ["translation key \(key) is defined twice in \(folder)"])
                    }
                    table[key] = text
                }
            }
            tables[language] = table
        }
        return Translations(tables: tables)
    }

    /// The sentence for `key`, with `{0}`, `{1}`... replaced by `arguments`. A missing key shows
    /// itself rather than failing the page; the completeness test keeps that from shipping.
    public func text(for key: String, in language: AppLanguage, arguments: [String] = []) -> String {
        var text = tables[language]?[key] ?? tables[.default]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    public func keys(in language: AppLanguage) -> Set<String> {
        Set(tables[language]?.keys ?? [String: String]().keys)
    }
}

extension Application {
    private struct TranslationsKey: StorageKey { typealias Value = Translations }

    public var translations: Translations {
        get { storage[TranslationsKey.self] ?? Translations(tables: [:]) }
        set { storage[TranslationsKey.self] = newValue }
    }
}

extension Request {
    func translate(_ key: String, _ arguments: String...) -> String {
        application.translations.text(for: key, in: language, arguments: arguments)
    }
}
