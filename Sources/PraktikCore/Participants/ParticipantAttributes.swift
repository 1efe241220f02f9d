/// The categories a participant is described by. Stored as their raw strings; statistics are split
/// by them, so every enumeration has an explicit "not stated" where a person may decline to answer.

/// Gender as the person reports it. Never derived from the person number: a legal change of sex
/// gives a new number, and the person's own statement is what statistics should count.
public enum Gender: String, CaseIterable, Codable, Sendable {
    case woman
    case man
    case other
    case notStated = "not_stated"
}

/// The birth-region categories Swedish labour-market statistics use.
public enum BirthRegion: String, CaseIterable, Codable, Sendable {
    case sweden
    case europeOutsideSweden = "europe"
    case outsideEurope = "outside_europe"
    case notStated = "not_stated"
}

/// Highest completed education, in the bands the seeds report (post-secondary or not).
public enum EducationLevel: String, CaseIterable, Codable, Sendable {
    case lessThanCompulsory = "less_than_compulsory"
    case compulsory
    case upperSecondary = "upper_secondary"
    case postSecondaryShort = "post_secondary_short"
    case postSecondaryLong = "post_secondary_long"
    case unknown
}

/// What the person lives on while in the programme. The Swedish and Danish systems differ; the
/// Danish cash benefit is split by readiness group (jobparat / aktivitetsparat) because outcomes are
/// reported per group (seed 003).
public enum BenefitType: String, CaseIterable, Codable, Sendable {
    case forsorjningsstod
    case aktivitetsstod
    case none
    case kontanthjaelpJobReady = "kontanthjaelp_jobparat"
    case kontanthjaelpActivityReady = "kontanthjaelp_aktivitetsparat"
    case dagpenge
}

/// A language and how well the person speaks it, on the CEFR scale (native above C2).
public enum LanguageLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case a1 = "A1", a2 = "A2", b1 = "B1", b2 = "B2", c1 = "C1", c2 = "C2"
    case native

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: LanguageLevel, rhs: LanguageLevel) -> Bool { lhs.rank < rhs.rank }
}

public enum ParticipantStatus: String, CaseIterable, Codable, Sendable {
    case active
    case exited
}

/// Why a participant left the programme (avslutsorsak). The first four are the outcomes the
/// Stockholm reports count (seed 001).
public enum ExitReason: String, CaseIterable, Codable, Sendable {
    case work
    case studies
    case referredBack = "referred_back"
    case otherProgramme = "other_programme"
    case illness
    case movedAway = "moved_away"
    case ownRequest = "own_request"
    case noContact = "no_contact"
    case other
}

/// Target groups a programme reports on; a participant may belong to several.
public enum TargetGroup: String, CaseIterable, Codable, Sendable {
    case youngAdult = "young_adult"
    case newlyArrived = "newly_arrived"
    case longTermUnemployed = "long_term_unemployed"
    case disability
    case over55 = "over_55"
    case singleParent = "single_parent"
}

/// How a participant is identified.
public enum IdentifierKind: String, CaseIterable, Codable, Sendable {
    case swedishPersonalNumber = "swedish_personal_number"
    case danishCPR = "danish_cpr"
    /// Protected identity (skyddad identitet): the number is deliberately kept out of Praktik.
    case protected
    /// Neither a Swedish nor a Danish number.
    case foreign
}

/// The languages offered in forms (ISO 639-1), chosen for the populations of the seeds' cities.
public enum SpokenLanguage: String, CaseIterable, Codable, Sendable {
    case sv, da, en, ar, so, fa, ti, tr, ku, pl, es, fr, de, ru, uk, bs, am, sq
}
