/// A programme's own word: the name a benefit, programme or role has in the country that runs it.
/// A Danish case worker reading a Swedish placement, or a Swedish one reading Copenhagen's, needs
/// the word the other country's letters and registers use, so it is written the same in every
/// interface language and explained in the reader's language on the glossary page.
public struct ProgrammeTerm: Sendable, Hashable {
    /// The glossary's key: `glossary.<code>` explains the term in each interface language.
    public let code: String
    /// The term as its country writes it.
    public let term: String
    /// The language the term is written in (for the page's `lang` attribute).
    public let language: AppLanguage
    /// Interface texts (locale keys) that name this term: every language writes the term there.
    public let namedBy: [String]

    public init(code: String, term: String, language: AppLanguage, namedBy: [String] = []) {
        self.code = code
        self.term = term
        self.language = language
        self.namedBy = namedBy
    }

    public var explanationKey: String { "glossary.\(code)" }
}

/// Every programme term Praktik uses, Swedish first, then Danish, in the glossary's order.
public enum ProgrammeTerms {
    public static let swedish: [ProgrammeTerm] = [
        ProgrammeTerm(code: "arbetspraktik", term: "Arbetspraktik", language: .swedish),
        ProgrammeTerm(code: "arbetstraning", term: "Arbetsträning", language: .swedish, namedBy: ["programme-kind.work_training"]),
        ProgrammeTerm(code: "jobbspranget", term: "Jobbsprånget", language: .swedish),
        ProgrammeTerm(code: "jobbtorg", term: "Jobbtorg", language: .swedish),
        ProgrammeTerm(
            code: "forsorjningsstod", term: "Försörjningsstöd", language: .swedish, namedBy: ["benefit-type.forsorjningsstod"]),
        ProgrammeTerm(code: "aktivitetsstod", term: "Aktivitetsstöd", language: .swedish, namedBy: ["benefit-type.aktivitetsstod"]),
    ]

    public static let danish: [ProgrammeTerm] = [
        ProgrammeTerm(
            code: "virksomhedspraktik", term: "Virksomhedspraktik", language: .danish,
            namedBy: ["programme-kind.company_internship"]),
        ProgrammeTerm(code: "jobcenter", term: "Jobcenter", language: .danish),
        ProgrammeTerm(code: "borger", term: "Borger", language: .danish),
        ProgrammeTerm(
            code: "kontanthjaelp", term: "Kontanthjælp", language: .danish,
            namedBy: ["benefit-type.kontanthjaelp_jobparat", "benefit-type.kontanthjaelp_aktivitetsparat"]),
        ProgrammeTerm(code: "jobparat", term: "jobparat", language: .danish, namedBy: ["benefit-type.kontanthjaelp_jobparat"]),
        ProgrammeTerm(
            code: "aktivitetsparat", term: "aktivitetsparat", language: .danish, namedBy: ["benefit-type.kontanthjaelp_aktivitetsparat"]),
        ProgrammeTerm(code: "dagpenge", term: "Dagpenge", language: .danish, namedBy: ["benefit-type.dagpenge"]),
        ProgrammeTerm(code: "jobpraktik", term: "Jobpraktik", language: .danish),
        ProgrammeTerm(code: "udviklingspraktik", term: "Udviklingspraktik", language: .danish),
        ProgrammeTerm(code: "kompetencepraktik", term: "Kompetencepraktik", language: .danish),
    ]

    public static let all: [ProgrammeTerm] = swedish + danish

    /// Whether `text` names `term` as its country writes it (case aside, since a term may begin a
    /// sentence or follow a comma).
    public static func names(_ text: String, _ term: ProgrammeTerm) -> Bool {
        text.lowercased().contains(term.term.lowercased())
    }
}
