/// The rule sets Praktik ships, every version of each. A version that has been used is never
/// changed here; a new wording or condition is a new version (the tests compare each stored
/// version with this catalogue).
public enum EligibilityRuleSets {
    public static let all: [EligibilityRuleSet] = [
        jobbsprangetV1, jobbsprangetV2, jobbsprangetPilotV1, stockholmWorkTrainingV1, copenhagenCompanyInternshipV1,
    ]

    public static func find(code: String, version: Int) -> EligibilityRuleSet? {
        all.first { $0.code == code && $0.version == version }
    }

    /// The newest version of each family, offered when an intake is created.
    public static var latest: [EligibilityRuleSet] {
        Dictionary(grouping: all, by: \.code).values.compactMap { $0.max { $0.version < $1.version } }
            .sorted { $0.code < $1.code }
    }

    // MARK: The rules, each written once

    public static let registeredWithEmploymentService = EligibilityRule(
        code: "registered-job-seeker", condition: .registeredAsJobSeeker, whenNotMet: .red,
        texts: [
            "sv": "Du ska vara inskriven som arbetssökande på Arbetsförmedlingen.",
            "en": "You must be registered as a job seeker with Arbetsförmedlingen (the Swedish Public Employment Service).",
            "da": "Du skal være tilmeldt som jobsøgende hos Arbetsförmedlingen (den svenske arbejdsformidling).",
        ])

    public static let registeredWithJobCentre = EligibilityRule(
        code: "registered-job-seeker", condition: .registeredAsJobSeeker, whenNotMet: .red,
        texts: [
            "sv": "Du ska vara inskriven på jobbcentret.",
            "en": "You must be registered with the job centre.",
            "da": "Du skal være tilmeldt på jobcentret.",
        ])

    public static let bornOutsideEurope = EligibilityRule(
        code: "born-outside-europe", condition: .bornIn(regions: [.outsideEurope]), whenNotMet: .red,
        texts: [
            "sv": "Programmet är för dig som är född utanför Europa.",
            "en": "The programme is for people born outside Europe.",
            "da": "Programmet er for dig, der er født uden for Europa.",
        ])

    public static let academicDegree = EligibilityRule(
        code: "academic-degree", condition: .educationAtLeast(level: .postSecondaryShort), whenNotMet: .red,
        texts: [
            "sv": "Du ska ha en examen från universitet eller högskola.",
            "en": "You must have a university degree.",
            "da": "Du skal have en uddannelse fra universitet eller højskole.",
        ])

    public static let degreeInProgrammeField = EligibilityRule(
        code: "degree-field", condition: .educationFieldIn(fields: EducationField.jobbsprangetFields), whenNotMet: .red,
        texts: [
            "sv": "Din examen ska vara inom teknik, datavetenskap, arkitektur, ekonomi, farmaci, HR eller marknadsföring.",
            "en": "Your degree must be in technology, computer science, architecture, economics, pharmacy, HR or marketing.",
            "da": "Din uddannelse skal være inden for teknik, datalogi, arkitektur, økonomi, farmaci, HR eller marketing.",
        ])

    public static func limitedWorkExperience(months: Int) -> EligibilityRule {
        EligibilityRule(
            code: "limited-swedish-experience", condition: .workExperienceAtMost(months: months), whenNotMet: .orange,
            texts: [
                "sv": "Programmet är för dig som har arbetat kort tid i Sverige (högst \(months) månader). Längre tid prövar vi för sig.",
                "en":
                    "The programme is for people who have worked only a short time in Sweden (at most \(months) months). We look at longer times one by one.",
                "da":
                    "Programmet er for dig, der kun har arbejdet kort tid i Sverige (højst \(months) måneder). Længere tid vurderer vi hver for sig.",
            ])
    }

    public static func goodEnglishOrSwedish(whenNotMet colour: EligibilityColour) -> EligibilityRule {
        EligibilityRule(
            code: "good-english-or-swedish", condition: .languageAtLeast(languages: [.en, .sv], level: .b2), whenNotMet: colour,
            texts: [
                "sv": "Du ska kunna engelska eller svenska bra (minst nivå B2).",
                "en": "You must speak English or Swedish well (at least level B2).",
                "da": "Du skal tale engelsk eller svensk godt (mindst niveau B2).",
            ])
    }

    public static let goodEnglish = EligibilityRule(
        code: "good-english", condition: .languageAtLeast(languages: [.en], level: .b2), whenNotMet: .red,
        texts: [
            "sv": "Du ska kunna engelska bra (minst nivå B2).",
            "en": "You must speak English well (at least level B2).",
            "da": "Du skal tale engelsk godt (mindst niveau B2).",
        ])

    public static let permitThroughPlacement = EligibilityRule(
        code: "permit-valid-through-placement", condition: .permitValidThroughPlacement, whenNotMet: .red,
        texts: [
            "sv": "Du ska ha uppehållstillstånd och arbetstillstånd som gäller hela praktikperioden.",
            "en": "You must have a residence and work permit that is valid for the whole placement period.",
            "da": "Du skal have opholdstilladelse og arbejdstilladelse, der gælder hele praktikperioden.",
        ])

    public static let permitThroughPlacementDenmark = EligibilityRule(
        code: "permit-valid-through-placement", condition: .permitValidThroughPlacement, whenNotMet: .red,
        texts: [
            "sv": "Du ska ha uppehållstillstånd och arbetstillstånd i Danmark som gäller hela praktikperioden.",
            "en": "You must have a residence and work permit in Denmark that is valid for the whole placement period.",
            "da": "Du skal have opholds- og arbejdstilladelse i Danmark, der gælder hele praktikperioden.",
        ])

    public static let notPlacedBefore = EligibilityRule(
        code: "not-placed-before", condition: .notPlacedBeforeInProgramme, whenNotMet: .red,
        texts: [
            "sv": "Du kan bara få en praktikplats en gång i programmet.",
            "en": "You can have a placement in the programme only once.",
            "da": "Du kan kun få en praktikplads i programmet én gang.",
        ])

    public static let upperSecondaryFullGrades = EligibilityRule(
        code: "upper-secondary-full-grades", condition: .upperSecondaryWithFullGrades, whenNotMet: .red,
        texts: [
            "sv": "Du ska ha gått ut gymnasiet med fullständiga betyg.",
            "en": "You must have finished upper-secondary school with full grades.",
            "da": "Du skal have afsluttet en gymnasial uddannelse med fuldstændige karakterer.",
        ])

    // MARK: The rule sets

    /// Jobbsprånget's ordinary intake as in 2023 (seed 004 2.1): language below B2 is checked by hand.
    public static let jobbsprangetV1 = EligibilityRuleSet(
        code: "jobbspranget", version: 1,
        names: ["sv": "Jobbsprånget, ordinarie intag", "en": "Jobbsprånget, ordinary intake", "da": "Jobbsprånget, ordinært optag"],
        rules: [
            registeredWithEmploymentService, bornOutsideEurope, academicDegree, degreeInProgrammeField,
            limitedWorkExperience(months: 24), goodEnglishOrSwedish(whenNotMet: .orange), permitThroughPlacement, notPlacedBefore,
        ])

    /// From 2024: up to three years' work in Sweden is accepted, and a language level below B2 is
    /// no longer checked by hand but refused.
    public static let jobbsprangetV2 = EligibilityRuleSet(
        code: "jobbspranget", version: 2,
        names: ["sv": "Jobbsprånget, ordinarie intag", "en": "Jobbsprånget, ordinary intake", "da": "Jobbsprånget, ordinært optag"],
        rules: [
            registeredWithEmploymentService, bornOutsideEurope, academicDegree, degreeInProgrammeField,
            limitedWorkExperience(months: 36), goodEnglishOrSwedish(whenNotMet: .red), permitThroughPlacement, notPlacedBefore,
        ])

    /// The pilot for a wider target group (seed 004 2.3.3): upper-secondary school with full grades
    /// and good English instead of a degree.
    public static let jobbsprangetPilotV1 = EligibilityRuleSet(
        code: "jobbspranget-pilot", version: 1,
        names: [
            "sv": "Jobbsprånget, pilot för utökad målgrupp", "en": "Jobbsprånget, pilot for a wider target group",
            "da": "Jobbsprånget, pilot for en bredere målgruppe",
        ],
        rules: [
            registeredWithEmploymentService, bornOutsideEurope, upperSecondaryFullGrades, goodEnglish,
            limitedWorkExperience(months: 24), permitThroughPlacement, notPlacedBefore,
        ])

    /// Stockholm's work training (arbetsträning) for people registered at a Jobbtorg.
    public static let stockholmWorkTrainingV1 = EligibilityRuleSet(
        code: "stockholm-arbetstraning", version: 1,
        names: [
            "sv": "Arbetsträning, Jobbtorg Stockholm", "en": "Arbetsträning (work training), Jobbtorg Stockholm",
            "da": "Arbetsträning, Jobbtorg Stockholm",
        ],
        rules: [registeredWithJobCentre, permitThroughPlacement, notPlacedBefore])

    /// Copenhagen's company internship (virksomhedspraktik).
    public static let copenhagenCompanyInternshipV1 = EligibilityRuleSet(
        code: "kobenhavn-virksomhedspraktik", version: 1,
        names: [
            "sv": "Virksomhedspraktik, Jobcenter København", "en": "Virksomhedspraktik (company internship), Jobcenter København",
            "da": "Virksomhedspraktik, Jobcenter København",
        ],
        rules: [registeredWithJobCentre, permitThroughPlacementDenmark])
}
