import Testing

@testable import PraktikCore

@Suite("Selection: reading places for matching")
struct SelectionVocabularyTests {
    @Test("language requirements are read from the register's words, alternatives require nothing")
    func languageNeeds() {
        typealias Need = PlaceLanguageNeeds.Need
        #expect(PlaceLanguageNeeds.needs(in: "Svenska B1") == [Need(language: "sv", minimum: .b1)])
        #expect(
            PlaceLanguageNeeds.needs(in: "Svenska B2, engelska") == [
                Need(language: "sv", minimum: .b2), Need(language: "en", minimum: .a2),
            ])
        #expect(PlaceLanguageNeeds.needs(in: "Engelska") == [Need(language: "en", minimum: .a2)])
        #expect(PlaceLanguageNeeds.needs(in: "Svenska grundläggande") == [Need(language: "sv", minimum: .a2)])
        #expect(
            PlaceLanguageNeeds.needs(in: "svenska och engelska C1") == [
                Need(language: "sv", minimum: .a2), Need(language: "en", minimum: .c1),
            ])
        #expect(PlaceLanguageNeeds.needs(in: "Flydende dansk") == [Need(language: "da", minimum: .a2)])
        #expect(PlaceLanguageNeeds.needs(in: "Dansk C1") == [Need(language: "da", minimum: .c1)])
        #expect(PlaceLanguageNeeds.needs(in: "Dansk eller engelsk").isEmpty)
        #expect(PlaceLanguageNeeds.needs(in: "").isEmpty)
        #expect(PlaceLanguageNeeds.needs(in: "Arabiska B2").isEmpty)
        #expect(PlaceLanguageNeeds.needs(in: "Svenska B1, svenska C2") == [Need(language: "sv", minimum: .b1)])
    }

    @Test("occupational fields map to education fields; an unknown field takes everyone")
    func occupations() {
        let it = OccupationFields.fields(for: "  IT ")
        #expect(it.area == .computerScience)
        #expect(it.accepted == [.computerScience, .technology, .naturalSciences, .other])
        #expect(OccupationFields.fields(for: "vård och omsorg").area == .healthCare)
        let unknown = OccupationFields.fields(for: "Rymdfart")
        #expect(unknown.area == .other)
        #expect(unknown.accepted == Set(EducationField.allCases))
    }
}
