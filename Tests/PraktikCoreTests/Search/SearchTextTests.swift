import Testing

@testable import PraktikCore

@Suite("Search folding")
struct SearchTextTests {
    @Test("case and the Swedish and Danish letters fold the same way")
    func folding() {
        #expect(SearchText.folded("Öberg") == "öberg")
        #expect(SearchText.folded("ÖBERG") == "öberg")
        #expect(SearchText.folded("Åsa ÄNGLUND") == "åsa änglund")
        #expect(SearchText.folded("Søren Ærø") == "sören ärö", "Danish letters meet their Swedish counterparts")
        #expect(SearchText.folded("Ærø") == SearchText.folded("ÄRÖ"))
        #expect(SearchText.folded("José Müller-Łukasz") == "jose muller lukasz")
        #expect(SearchText.folded("Straße") == "strasse")
        #expect(SearchText.folded("A\u{030A}sa") == "åsa", "a decomposed å is an å")
        #expect(SearchText.folded("عائشة") == "عائشة", "other scripts are kept")
    }

    @Test("a query is its words: order and punctuation do not matter")
    func words() {
        #expect(SearchText.words(in: "Abdullahi, Aisha") == ["abdullahi", "aisha"])
        #expect(SearchText.words(in: "  aisha   ABDULLAHI ") == ["aisha", "abdullahi"])
        #expect(SearchText.words(in: "19121212-1212") == ["19121212", "1212"])
        #expect(SearchText.words(in: "leyla.ahmadi@example.se") == ["leyla", "ahmadi", "example", "se"])
        #expect(SearchText.words(in: "%_\\").isEmpty)
    }
}
