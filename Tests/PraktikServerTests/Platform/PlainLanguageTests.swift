import Foundation
import PraktikCore
import Testing

@testable import PraktikServer

/// What a job seeker reads (the application, the status page, the portal, letters, link pages,
/// the agreement and the follow-up after exit) is written plainly: short sentences, no staff terms,
/// and easy to read by LIX (läsbarhetsindex, used in Sweden and Denmark: words per sentence plus the
/// share of words over six letters; under 30 is very easy, over 50 hard).
@Suite("Plain language for job seekers")
struct PlainLanguageTests {
    /// Key prefixes of texts a job seeker reads.
    static let jobSeekerAreas = ["apply", "status", "portal", "letter", "link", "checkpoint", "agreement", "offer", "interview"]
    static let longestSentence = 22
    static let highestAverageLIX = 35.0
    /// Staff words for things a job seeker knows by another name.
    static let staffTerms: [AppLanguage: [String]] = [
        .swedish: ["intag", "intaget", "matchning", "kandidat", "ärendet", "handläggning"],
        .danish: ["optag", "optaget", "matchning", "kandidat", "sagsbehandling"],
        .english: ["intake", "matching", "candidate", "caseload"],
    ]

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    static func sentences(_ text: String) -> [String] {
        // Placeholders and line breaks end a line of a mail; sentence marks end a sentence.
        text.split(whereSeparator: { ".!?:\n".contains($0) }).map(String.init).filter { !words($0).isEmpty }
    }

    static func lix(_ text: String) -> Double {
        let all = words(text)
        guard !all.isEmpty else { return 0 }
        let long = all.filter { $0.count > 6 }.count
        return Double(all.count) / Double(max(sentences(text).count, 1)) + 100 * Double(long) / Double(all.count)
    }

    func jobSeekerTexts(in language: AppLanguage) throws -> [String: String] {
        let translations = try Translations.load(from: packageRoot + "Resources/Locales")
        return translations.keys(in: language).reduce(into: [:]) { texts, key in
            if let area = key.split(separator: ".").first, Self.jobSeekerAreas.contains(String(area)) {
                texts[key] = translations.text(for: key, in: language)
            }
        }
    }

    @Test("LIX and sentence length are measured as the index defines them")
    func measures() {
        #expect(Self.words("Hej {0}! Du fick en plats.") == ["Hej", "Du", "fick", "en", "plats"])
        #expect(Self.sentences("Hej {0}! Du fick en plats.\n\nHälsningar").count == 3)
        // 4 words, 1 sentence, 1 long word (arbetsplats): 4 + 25.
        #expect(Self.lix("Du får en arbetsplats.") == 29)
    }

    @Test("every sentence a job seeker reads is short, in every language")
    func shortSentences() throws {
        for language in AppLanguage.allCases {
            let texts = try jobSeekerTexts(in: language)
            #expect(texts.count > 200)
            for (key, text) in texts.sorted(by: { $0.key < $1.key }) {
                for sentence in Self.sentences(text) where Self.words(sentence).count > Self.longestSentence {
                    Issue.record("\(language.tag) \(key): \(Self.words(sentence).count) words: \(sentence)")
                }
            }
        }
    }

    @Test("job seekers' texts are easy to read and use no staff terms")
    func easyAndFreeOfStaffTerms() throws {
        for language in AppLanguage.allCases {
            let texts = try jobSeekerTexts(in: language)
            // Short labels say little about readability; sentences of eight words and more do.
            let measured = texts.values.filter { Self.words($0).count >= 8 }.map(Self.lix)
            let average = measured.reduce(0, +) / Double(max(measured.count, 1))
            #expect(average < Self.highestAverageLIX, "\(language.tag): average LIX \(average)")
            let terms = Set(Self.staffTerms[language] ?? [])
            for (key, text) in texts.sorted(by: { $0.key < $1.key }) {
                let used = Set(Self.words(text).map { $0.lowercased() }).intersection(terms)
                #expect(used.isEmpty, "\(language.tag) \(key) uses \(used.sorted()): \(text)")
            }
        }
    }

    /// "Portal" is a staff word: the menu calls the job seeker's pages "My pages", and every text
    /// pointing them there uses that name.
    @Test("job seekers' texts call their own pages by the menu's name")
    func myPagesByTheMenusName() throws {
        let translations = try Translations.load(from: packageRoot + "Resources/Locales")
        for language in AppLanguage.allCases {
            let menuName = translations.text(for: "nav.portal", in: language)
            for (key, text) in try jobSeekerTexts(in: language).sorted(by: { $0.key < $1.key }) {
                #expect(!text.lowercased().contains("portal"), "\(language.tag) \(key): \(text)")
            }
            for key in ["checkpoint.consent-note", "checkpoint.mail.body"] {
                #expect(translations.text(for: key, in: language).contains(menuName), "\(language.tag) \(key)")
            }
        }
    }
}
