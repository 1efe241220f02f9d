import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Every page a role can open without an id, and every public page, rendered in each language: a
/// Danish or English page must hold no word only Swedish uses, a Swedish or English page no word
/// only Danish uses. Catches a text hard-coded in a template or a view, and a key one language
/// lacks (which falls back to Swedish), where `TranslationTests` only sees the files.
@Suite("Pages speak the reader's language")
struct PageLanguageTests {
    /// Everyday words of one language that the other two never use, so a hit is a real slip, not
    /// a shared word. The programmes' own words (`ProgrammeTerms`) are allowed everywhere.
    static let onlySwedish: Set<String> = [
        "och", "inte", "för", "också", "måste", "ska", "finns", "sök", "spara", "avbryt", "tillbaka", "logga", "handläggare",
        "arbetsgivare", "sidan", "visa", "ändra",
    ]
    static let onlyDanish: Set<String> = [
        "og", "ikke", "også", "skal", "være", "gem", "annuller", "tilbage", "søg", "sagsbehandler", "virksomhed", "hvis",
    ]

    static func forbidden(on language: AppLanguage) -> Set<String> {
        switch language {
        case .swedish: onlyDanish
        case .danish: onlySwedish
        case .english: onlySwedish.union(onlyDanish)
        }
    }

    /// The words a reader meets: text outside tags and the texts of labelling attributes, without
    /// anything marked as another language (`lang="…"`, the language switch and glossary terms).
    static func readableWords(_ html: String, pageLanguage: AppLanguage) throws -> [String] {
        var text = html
        let otherLanguage = try Regex(#"<(\w+)[^>]*\slang="([a-z]{2})"[^>]*>[^<]*</\1>"#)
        text = text.replacing(otherLanguage) { match in
            let tag = match.output[2].substring.map(String.init) ?? ""
            return tag == pageLanguage.tag ? String(text[match.range]) : " "
        }
        var pieces: [String] = []
        let attribute = try Regex(#"\s(?:aria-label|placeholder|title|alt)="([^"]*)""#)
        for match in text.matches(of: attribute) { pieces.append(match.output[1].substring.map(String.init) ?? "") }
        let tags = try Regex(#"<[^>]*>"#)
        pieces.append(text.replacing(tags, with: " "))
        let word = try Regex(#"\p{L}+"#)
        let terms = Set(ProgrammeTerms.all.map { $0.term.lowercased() })
        let readable: String = pieces.joined(separator: " ")
        return readable.matches(of: word).map { String(readable[$0.range]).lowercased() }.filter { !terms.contains($0) }
    }

    @Test("the word lists are one language's own")
    func listsAreDisjoint() {
        #expect(Self.onlySwedish.isDisjoint(with: Self.onlyDanish))
    }

    @Test("a page in one language holds no word only another language uses")
    func everyPage() async throws {
        try await withPraktikApp { app in
            var pages: [(who: String, browser: Browser, paths: [String])] = []
            for role in Role.allCases {
                let (browser, _) = try await Fixtures.signedIn(app, as: role)
                let paths = app.routes.all.compactMap { route -> String? in
                    guard route.method == .GET, case .signedIn(let roles) = route.access, roles.contains(role),
                        !route.path.contains(where: { if case .parameter = $0 { return true } else { return false } })
                    else { return nil }
                    return "/" + route.path.map(\.description).joined(separator: "/")
                }
                pages.append((role.rawValue, browser, paths))
            }
            let publicPaths = ["/login", "/glossary", "/apply", "/apply/received", "/portal/sign-in", "/apply/status"]
            pages.append(("anonymous", Browser(app), publicPaths))
            #expect(pages.map(\.paths.count).reduce(0, +) > 60)

            for language in AppLanguage.allCases {
                let forbidden = Self.forbidden(on: language)
                for (who, browser, paths) in pages {
                    try await browser.get("/login")
                    try await browser.post("/language", form: ["language": language.tag, "returnTo": "/login"])
                    for path in paths {
                        let response = try await browser.get(path)
                        guard response.status == .ok, response.headers.contentType == .html else { continue }
                        let html = response.body.string
                        #expect(html.contains("<html lang=\"\(language.tag)\">"), "\(who) \(path) in \(language.tag)")
                        let slips = try Self.readableWords(html, pageLanguage: language).filter { forbidden.contains($0) }
                        #expect(slips.isEmpty, "\(who) \(path) in \(language.tag) has \(Set(slips).sorted())")
                    }
                }
            }
        }
    }
}
