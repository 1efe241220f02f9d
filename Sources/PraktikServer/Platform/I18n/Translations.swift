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
        let template = tables[language]?[key] ?? tables[.default]?[key] ?? key
        guard !arguments.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
        return Self.filling(template, with: arguments)
    }

    /// `{n}` replaced by `arguments[n]` in one pass over the template: an argument is never read as
    /// a template itself (a name containing `{1}` stays as written), and a placeholder without an
    /// argument stays as it is.
    static func filling(_ template: String, with arguments: [String]) -> String {
        var result = ""
        result.reserveCapacity(template.utf8.count + arguments.reduce(0) { $0 + $1.utf8.count })
        let bytes = Array(template.utf8)
        var index = 0, runStart = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            var end = index + 1, number = 0
            while end < bytes.count, end - index <= 3, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
                number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                end += 1
            }
            guard end > index + 1, end < bytes.count, bytes[end] == UInt8(ascii: "}"), number < arguments.count else {
                index += 1
                continue
            }
            result += String(decoding: bytes[runStart..<index], as: UTF8.self)
            result += arguments[number]
            index = end + 1
            runStart = index
        }
        result += String(decoding: bytes[runStart..<bytes.count], as: UTF8.self)
        return result
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
