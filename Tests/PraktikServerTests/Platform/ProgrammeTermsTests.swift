import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// The programmes' own words are written as their country writes them in every interface language,
/// and the glossary explains each in the reader's language.
@Suite("Programme terms and the glossary")
struct ProgrammeTermsTests {
    @Test("every interface text that names a programme term writes the term itself, in every language")
    func localeTextsUseTheTerm() throws {
        let translations = try Translations.load(from: packageRoot + "Resources/Locales")
        let named = ProgrammeTerms.all.filter { !$0.namedBy.isEmpty }
        #expect(named.count >= 7)
        for term in named {
            for key in term.namedBy {
                for language in AppLanguage.allCases {
                    let text = translations.text(for: key, in: language)
                    #expect(ProgrammeTerms.names(text, term), "\(language.tag) \(key) = \"\(text)\" does not write \(term.term)")
                }
            }
        }
        for term in ProgrammeTerms.all {
            for language in AppLanguage.allCases {
                #expect(translations.text(for: term.explanationKey, in: language) != term.explanationKey, "no \(term.explanationKey)")
            }
        }
    }

    @Test("the built-in programmes and Copenhagen's purposes keep their own word in every language")
    func builtInNames() throws {
        let terms = Dictionary(uniqueKeysWithValues: ProgrammeTerms.all.map { ($0.code, $0) })
        for seed in BuiltInProgrammes.seeds where seed.code != "jobbspranget" {
            let term = try #require(terms[seed.code], "\(seed.code) has no programme term")
            for name in [seed.names.sv, seed.names.en, seed.names.da] {
                #expect(ProgrammeTerms.names(name, term), "\(seed.code): \(name)")
            }
        }
        for purpose in BuiltInPlacementPurposes.danish {
            let term = try #require(terms[purpose.code], "\(purpose.code) has no programme term")
            for language in AppLanguage.allCases {
                #expect(ProgrammeTerms.names(purpose.name[language.tag] ?? "", term), "\(purpose.code) in \(language.tag)")
            }
        }
    }

    @Test("an installation made before keeps a name its admin changed and gets the term where it had the old name")
    func migrationRenamesOnlyOldNames() async throws {
        try await withPraktikApp { app in
            let sql = try app.db.sql
            // As an older installation had it, and one name the admin had changed.
            try await sql.raw("UPDATE placement_programmes SET name_sv = 'Virksomhetspraktik' WHERE code = 'virksomhedspraktik'").run()
            try await sql.raw("UPDATE placement_programmes SET name_en = 'Our own name' WHERE code = 'arbetspraktik'").run()
            try await sql.raw("UPDATE programme_purposes SET name_en = 'Job placement' WHERE code = 'jobpraktik'").run()
            try await M0313_NameProgrammesInTheirOwnTerms().prepare(on: app.db)
            struct Names: Decodable {
                let name_sv: String
                let name_en: String
            }
            let danish = try await sql.raw("SELECT name_sv, name_en FROM placement_programmes WHERE code = 'virksomhedspraktik'")
                .first(decoding: Names.self)
            #expect(danish?.name_sv == "Virksomhedspraktik")
            let swedish = try await sql.raw("SELECT name_sv, name_en FROM placement_programmes WHERE code = 'arbetspraktik'")
                .first(decoding: Names.self)
            #expect(swedish?.name_en == "Our own name")
            let purpose = try await sql.raw("SELECT name_sv, name_en FROM programme_purposes WHERE code = 'jobpraktik'")
                .first(decoding: Names.self)
            #expect(purpose?.name_en == "Jobpraktik (job placement)")
        }
    }

    @Test("the glossary is open to everyone and explains every term in the reader's language, the term in its own")
    func glossaryPage() async throws {
        try await withPraktikApp { app in
            let translations = try Translations.load(from: packageRoot + "Resources/Locales")
            for language in AppLanguage.allCases {
                let browser = Browser(app)
                try await browser.get("/login")
                try await browser.post("/language", form: ["language": language.tag, "returnTo": "/glossary"])
                let response = try await browser.get("/glossary")
                #expect(response.status == .ok)
                let html = response.body.string
                #expect(html.contains("<html lang=\"\(language.tag)\">"))
                for term in ProgrammeTerms.all {
                    #expect(html.contains("<dt lang=\"\(term.language.tag)\">\(term.term)</dt>"), "\(term.code) in \(language.tag)")
                    let explanation = translations.text(for: term.explanationKey, in: language)
                    #expect(html.contains(HTMLEscaping.escape(explanation)), "\(term.code) explained in \(language.tag)")
                }
                // Every page links to it.
                #expect(try await browser.get("/login").body.string.contains("href=\"/glossary\""))
            }
        }
    }
}
