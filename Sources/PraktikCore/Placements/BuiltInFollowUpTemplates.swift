/// The first version of each follow-up form, as an installation starts with it. The admin edits
/// them in the browser; every edit is a new version. Participants' questions use plain words.
public enum BuiltInFollowUpTemplates {
    public static func content(stage: FollowUpStage, respondent: FollowUpRespondent) -> FollowUpTemplateContent? {
        switch (stage, respondent) {
        case (.start, .participant): startParticipant
        case (.start, .supervisor): startSupervisor
        case (.mid, .participant): midParticipant
        case (.mid, .supervisor): midSupervisor
        case (.end, .participant): endParticipant
        case (.end, .supervisor): endSupervisor
        case (.end, .caseWorker): endCaseWorker
        case (.start, .caseWorker), (.mid, .caseWorker): nil
        }
    }

    private static func t(_ sv: String, _ en: String, _ da: String) -> [String: String] { ["sv": sv, "en": en, "da": da] }

    private static let comments = FollowUpQuestion(
        key: "comments", kind: .shortText, required: false,
        text: t("Vill du säga något mer? (frivilligt)", "Anything else you want to say? (optional)", "Vil du sige noget mere? (frivilligt)")
    )

    static let employmentOptions: [FollowUpQuestion.Option] = [
        .init(value: "none", text: t("Nej", "No", "Nej")),
        .init(value: "permanent", text: t("Ja, en fast anställning", "Yes, a permanent job", "Ja, fast ansættelse")),
        .init(value: "fixed_term", text: t("Ja, en visstidsanställning", "Yes, a fixed-term job", "Ja, tidsbegrænset ansættelse")),
        .init(value: "hourly", text: t("Ja, timanställning", "Yes, paid by the hour", "Ja, timeansættelse")),
        .init(value: "subsidised", text: t("Ja, en anställning med stöd", "Yes, a job with wage support", "Ja, job med løntilskud")),
    ]

    static let startParticipant = FollowUpTemplateContent(questions: [
        .init(
            key: "understand_tasks", kind: .scale, required: true,
            text: t(
                "Hur väl förstår du vad du ska göra på arbetsplatsen? (1 = inte alls, 5 = helt)",
                "How well do you understand what you will do at the workplace? (1 = not at all, 5 = fully)",
                "Hvor godt forstår du, hvad du skal lave på arbejdspladsen? (1 = slet ikke, 5 = helt)")),
        .init(
            key: "welcomed", kind: .scale, required: true,
            text: t(
                "Hur väl blev du mottagen? (1 = dåligt, 5 = mycket bra)", "How well were you welcomed? (1 = badly, 5 = very well)",
                "Hvor godt blev du taget imod? (1 = dårligt, 5 = meget godt)")),
        .init(
            key: "knows_supervisor", kind: .yesNo, required: true,
            text: t("Vet du vem din handledare är?", "Do you know who your supervisor is?", "Ved du, hvem din mentor er?")),
        comments,
    ])

    static let startSupervisor = FollowUpTemplateContent(questions: [
        .init(
            key: "purpose_fits", kind: .scale, required: true,
            text: t(
                "Hur väl passar praktikens syfte er arbetsplats? (1 = inte alls, 5 = mycket väl)",
                "How well does the placement's purpose fit your workplace? (1 = not at all, 5 = very well)",
                "Hvor godt passer praktikkens formål til jeres arbejdsplads? (1 = slet ikke, 5 = meget godt)")),
        .init(
            key: "introduced", kind: .yesNo, required: true,
            text: t(
                "Har praktikanten fått introduktion till uppgifterna och säkerheten?",
                "Has the intern been introduced to the tasks and to safety at work?",
                "Har praktikanten fået introduktion til opgaverne og sikkerheden?")),
        .init(
            key: "next_meeting", kind: .date, required: false,
            text: t(
                "När har ni nästa uppföljningssamtal? (frivilligt)", "When is your next follow-up talk? (optional)",
                "Hvornår har I næste opfølgningssamtale? (frivilligt)")),
        comments,
    ])

    static let midParticipant = FollowUpTemplateContent(questions: [
        .init(
            key: "going", kind: .scale, required: true,
            text: t(
                "Hur går praktiken? (1 = dåligt, 5 = mycket bra)", "How is the placement going? (1 = badly, 5 = very well)",
                "Hvordan går praktikken? (1 = dårligt, 5 = meget godt)")),
        .init(
            key: "learning", kind: .scale, required: true,
            text: t(
                "Hur mycket lär du dig? (1 = inget, 5 = mycket)", "How much are you learning? (1 = nothing, 5 = a lot)",
                "Hvor meget lærer du? (1 = intet, 5 = meget)")),
        .init(
            key: "support", kind: .yesNo, required: true,
            text: t("Får du det stöd du behöver?", "Do you get the support you need?", "Får du den støtte, du har brug for?")),
        comments,
    ])

    static let midSupervisor = FollowUpTemplateContent(questions: [
        .init(
            key: "going", kind: .scale, required: true,
            text: t(
                "Hur går praktiken? (1 = dåligt, 5 = mycket bra)", "How is the placement going? (1 = badly, 5 = very well)",
                "Hvordan går praktikken? (1 = dårligt, 5 = meget godt)")),
        .init(
            key: "progress", kind: .scale, required: true,
            text: t(
                "Hur går det för praktikanten mot praktikens syfte? (1 = ingen utveckling, 5 = stor utveckling)",
                "How is the intern progressing toward the placement's purpose? (1 = no progress, 5 = great progress)",
                "Hvordan går det for praktikanten mod praktikkens formål? (1 = ingen udvikling, 5 = stor udvikling)")),
        .init(
            key: "employment_possible", kind: .yesNo, required: true,
            text: t(
                "Finns det en möjlighet till anställning hos er?", "Is there a chance of a job with you?",
                "Er der en mulighed for ansættelse hos jer?")),
        comments,
    ])

    static let endParticipant = FollowUpTemplateContent(questions: [
        .init(
            key: "completed", kind: .yesNo, required: true,
            text: t("Gjorde du klart praktiken?", "Did you complete the placement?", "Gennemførte du praktikken?"), meaning: .completed),
        .init(
            key: "learned", kind: .scale, required: true,
            text: t(
                "Hur mycket lärde du dig av det som praktiken skulle ge dig? (1 = inget, 5 = allt)",
                "How much did you learn of what the placement was meant to give you? (1 = nothing, 5 = all of it)",
                "Hvor meget lærte du af det, praktikken skulle give dig? (1 = intet, 5 = alt)"),
            meaning: .learnedAgainstPurpose),
        .init(
            key: "employment_offered", kind: .singleChoice, required: true,
            text: t(
                "Erbjöd arbetsplatsen dig ett jobb?", "Did the workplace offer you a job?", "Tilbød arbejdspladsen dig et job?"),
            options: employmentOptions, meaning: .employmentOffered),
        .init(
            key: "overall", kind: .scale, required: true,
            text: t(
                "Hur bra var praktiken som helhet? (1 = dålig, 5 = mycket bra)",
                "Overall, how good was the placement? (1 = bad, 5 = very good)",
                "Hvor god var praktikken samlet set? (1 = dårlig, 5 = meget god)"),
            meaning: .overallRating),
        .init(
            key: "what_learned", kind: .shortText, required: false,
            text: t("Vad lärde du dig? (frivilligt)", "What did you learn? (optional)", "Hvad lærte du? (frivilligt)")),
    ])

    static let endSupervisor = FollowUpTemplateContent(questions: [
        .init(
            key: "completed", kind: .yesNo, required: true,
            text: t(
                "Genomförde praktikanten hela praktiken?", "Did the intern complete the placement?",
                "Gennemførte praktikanten hele praktikken?"),
            meaning: .completed),
        .init(
            key: "employment_offered", kind: .singleChoice, required: true,
            text: t(
                "Ledde praktiken till ett jobb hos er? Vilken sorts anställning erbjöd ni?",
                "Did this placement lead to a job with you? Which kind of employment did you offer?",
                "Førte praktikken til et job hos jer? Hvilken slags ansættelse tilbød I?"),
            options: employmentOptions, meaning: .employmentOffered),
        .init(
            key: "learned", kind: .scale, required: true,
            text: t(
                "Hur mycket lärde sig praktikanten av det som syftet angav? (1 = inget, 5 = allt)",
                "How much did the intern learn of what the purpose set out? (1 = nothing, 5 = all of it)",
                "Hvor meget lærte praktikanten af det, formålet angav? (1 = intet, 5 = alt)"),
            meaning: .learnedAgainstPurpose),
        .init(
            key: "again", kind: .yesNo, required: true,
            text: t("Vill ni ta emot en praktikant igen?", "Would you take an intern again?", "Vil I tage imod en praktikant igen?")),
        comments,
    ])

    static let endCaseWorker = FollowUpTemplateContent(questions: [
        .init(
            key: "completed", kind: .yesNo, required: true,
            text: t("Genomfördes praktiken?", "Was the placement completed?", "Blev praktikken gennemført?"), meaning: .completed),
        .init(
            key: "purpose_met", kind: .scale, required: true,
            text: t(
                "I vilken grad nåddes praktikens syfte? (1 = inte alls, 5 = helt)",
                "To what degree was the placement's purpose met? (1 = not at all, 5 = fully)",
                "I hvilken grad blev praktikkens formål nået? (1 = slet ikke, 5 = helt)"),
            meaning: .learnedAgainstPurpose),
        .init(
            key: "next_step", kind: .singleChoice, required: true,
            text: t("Nästa steg", "Next step", "Næste skridt"),
            options: [
                .init(value: "work", text: t("Arbete", "Work", "Arbejde")),
                .init(value: "studies", text: t("Studier", "Studies", "Uddannelse")),
                .init(value: "another_placement", text: t("En ny praktik", "Another placement", "En ny praktik")),
                .init(value: "other_support", text: t("Annat stöd", "Other support", "Anden støtte")),
                .init(value: "referred_back", text: t("Återremiss", "Referred back", "Tilbage til kommunen")),
            ]),
        comments,
    ])
}

/// The purposes a programme starts with: Stockholm's three (seed 000) and Copenhagen's three
/// (seed 003). The admin renames, adds and retires purposes per programme.
public enum BuiltInPlacementPurposes {
    public struct Purpose: Sendable {
        public let code: String
        public let name: [String: String]
        public let description: [String: String]
    }

    private static func t(_ sv: String, _ en: String, _ da: String) -> [String: String] { ["sv": sv, "en": en, "da": da] }

    public static let swedish: [Purpose] = [
        Purpose(
            code: "language_practice", name: t("Språkpraktik", "Language practice", "Sprogpraktik"),
            description: t(
                "Träna svenska och få inblick i en svensk arbetsplats.",
                "Practise Swedish and get to know a Swedish workplace.",
                "Træne svensk og få indblik i en svensk arbejdsplads.")),
        Purpose(
            code: "work_training", name: t("Arbetsträning", "Work training", "Arbejdstræning"),
            description: t(
                "Återknyta kontakten med en arbetsplats efter lång tid utan arbete.",
                "Get back in touch with working life after a long time without work.",
                "Genoptage kontakten med en arbejdsplads efter lang tid uden arbejde.")),
        Purpose(
            code: "toward_employment", name: t("Väg till anställning", "Toward employment", "Vej til ansættelse"),
            description: t(
                "Praktiken ska leda till en anställning, på platsen eller någon annanstans.",
                "The placement should lead to a job, at the workplace or elsewhere.",
                "Praktikken skal føre til et job, på arbejdspladsen eller et andet sted.")),
    ]

    public static let danish: [Purpose] = [
        Purpose(
            code: "jobpraktik", name: t("Jobpraktik", "Jobpraktik (job placement)", "Jobpraktik"),
            description: t(
                "Borgaren ska komma i ordinärt arbete eller utbildning.",
                "The citizen should get into ordinary work or education.",
                "Borgeren skal i ordinært arbejde eller uddannelse.")),
        Purpose(
            code: "udviklingspraktik", name: t("Udviklingspraktik", "Udviklingspraktik (development placement)", "Udviklingspraktik"),
            description: t(
                "Klargöra framtida mål för arbete eller utbildning och behov av anpassning.",
                "Clarify future goals for work or education and any need for adjustments.",
                "Afklare fremtidigt beskæftigelses- eller uddannelsesmål og skånebehov.")),
        Purpose(
            code: "kompetencepraktik", name: t("Kompetencepraktik", "Kompetencepraktik (skills placement)", "Kompetencepraktik"),
            description: t(
                "Skaffa nya eller starkare kompetenser som behövs för ordinärt arbete på lite längre sikt.",
                "Build new or stronger skills that ordinary work will need in the somewhat longer term.",
                "Tilvejebringe nye eller stærkere kompetencer, som er en forudsætning for ordinært arbejde på lidt længere sigt.")),
    ]
}
