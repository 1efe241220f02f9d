import PraktikCore
import Vapor

/// The programmes' own words (`ProgrammeTerms`), each as its country writes it and explained in the
/// reader's language. Open to everyone: a job seeker meets these words in letters too.
enum GlossaryController {
    struct Page: Encodable {
        let groups: [Group]
    }

    struct Group: Encodable {
        let headingKey: String
        let terms: [Term]
    }

    struct Term: Encodable {
        let term: String
        /// The term's own language, for `lang`, so a screen reader says it as its country does.
        let language: String
        let explanationKey: String
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        func terms(_ list: [ProgrammeTerm]) -> [Term] {
            list.map { Term(term: $0.term, language: $0.language.tag, explanationKey: $0.explanationKey) }
        }
        let page = Page(groups: [
            Group(headingKey: "glossary.sweden", terms: terms(ProgrammeTerms.swedish)),
            Group(headingKey: "glossary.denmark", terms: terms(ProgrammeTerms.danish)),
        ])
        return try await request.render("Glossary/glossary", page, layout: .init(request: request, titleKey: "glossary.title"))
    }
}
