import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Demo intakes at the scale of seed 004: Jobbsprånget's 2023 intake with 5,080 applicants (3,560
/// women), 3,140 green, 510 orange and 1,430 red with realistic reasons, 1,170 offered a place and
/// 1,030 placement decisions; an intake being screened now, one open, a pilot for a wider target
/// group, a planned one, and intakes of Stockholm's work training and Copenhagen's company
/// internship, so every intake and application status appears. Everything is invented.
enum DemoIntake {
    struct Context {
        let units: [String: UUID]
        let now: Date
        let today: CivilDate
    }

    /// Loads programmes, intakes and applications; returns the Jobbsprånget case worker's sign-in.
    static func load(on db: any Database, units: [String: UUID], passwordHash: String, now: Date, today: CivilDate) async throws -> DemoData
        .Login?
    {
        guard let jobbspranget = units["JOBBSPRANGET"], let city = units["JT-CITY"], let copenhagen = units["JC-KBH"] else { return nil }
        let sql = try db.sql
        let worker = User(
            email: "jobbspranget@praktik.demo", displayName: "Hanna Berglund", role: .caseWorker, unitID: jobbspranget, language: .swedish,
            passwordHash: passwordHash)
        try await worker.create(on: db)

        var generator = DemoApplicants(sql: sql, now: now, today: today)
        try await generator.loadUsedNumbers()
        let store = RuleSetStore(database: db, clock: AppClock(now: { now }))
        func stored(_ ruleSet: EligibilityRuleSet) async throws -> UUID { try await store.store(ruleSet).requireID() }
        let v1 = try await stored(EligibilityRuleSets.jobbsprangetV1)
        let v2 = try await stored(EligibilityRuleSets.jobbsprangetV2)
        let pilotRules = try await stored(EligibilityRuleSets.jobbsprangetPilotV1)
        let workTrainingRules = try await stored(EligibilityRuleSets.stockholmWorkTrainingV1)
        let companyRules = try await stored(EligibilityRuleSets.copenhagenCompanyInternshipV1)

        let programme = try await createProgramme(
            db, code: "jobbspranget", name: "Jobbsprånget", kind: .internshipProgramme, unit: jobbspranget, months: 4)
        let workTraining = try await createProgramme(
            db, code: "arbetstraning", name: "Arbetsträning, Jobbtorg Stockholm City", kind: .workTraining, unit: city, months: 3)
        let companyInternship = try await createProgramme(
            db, code: "virksomhedspraktik", name: "Virksomhedspraktik, Jobcenter København", kind: .companyInternship, unit: copenhagen,
            months: 3)

        func day(_ offset: Int) -> CivilDate { today.adding(days: offset) ?? today }
        func date(_ text: String) -> CivilDate { CivilDate(iso8601: text) ?? today }

        // Jobbsprånget 2023 (seed 004 table 1), closed.
        let intake2023 = try await createIntake(
            db, programme: programme, ruleSet: v1, name: "Jobbsprånget 2023", status: .closed, opens: date("2023-05-15"),
            closes: date("2023-06-30"),
            placement: (date("2023-09-04"), date("2024-01-03")), targetPlaces: 2_270, targetApplicants: 5_000,
            endedAt: generator.instant(date("2024-01-31")))
        try await generator.seedIntake2023(
            intakeID: intake2023, unitID: jobbspranget, ruleSet: EligibilityRuleSets.jobbsprangetV1, ruleSetID: v1,
            context: EligibilityContext(placementStart: date("2023-09-04"), placementEnd: date("2024-01-03")),
            opens: date("2023-05-15"), closes: date("2023-06-30"), deciderID: worker.id)

        // Being screened now: most applications waiting, some asked to complete.
        let screening = try await createIntake(
            db, programme: programme, ruleSet: v2, name: "Jobbsprånget hösten \(today.year)", status: .screening, opens: day(-60),
            closes: day(-5),
            placement: (day(30), day(150)), targetPlaces: 1_100, targetApplicants: 2_500, endedAt: nil)
        try await generator.seedScreening(
            intakeID: screening, unitID: jobbspranget, ruleSet: EligibilityRuleSets.jobbsprangetV2, ruleSetID: v2,
            context: EligibilityContext(placementStart: day(30), placementEnd: day(150)), opens: day(-60), closes: day(-5),
            deciderID: worker.id)

        // Open now, taking over the 2023 waiting list when a case worker carries it.
        let open = try await createIntake(
            db, programme: programme, ruleSet: v2, name: "Jobbsprånget våren \(today.year + 1)", status: .open, opens: day(-10),
            closes: day(30),
            placement: (day(60), day(180)), targetPlaces: 1_200, targetApplicants: nil, endedAt: nil, previous: intake2023)
        try await generator.seedSmall(
            intakeID: open, unitID: jobbspranget, ruleSet: EligibilityRuleSets.jobbsprangetV2, ruleSetID: v2,
            context: EligibilityContext(placementStart: day(60), placementEnd: day(180)), opens: day(-10), count: 45,
            profile: .jobbspranget, decided: 0, deciderID: worker.id)

        // The pilot for a wider target group (seed 004 2.3.3): 12–15 places.
        let pilot = try await createIntake(
            db, programme: programme, ruleSet: pilotRules, name: "Jobbsprånget pilot: gymnasieutbildade", status: .open, opens: day(-20),
            closes: day(20),
            placement: (day(45), day(165)), targetPlaces: 15, targetApplicants: 60, endedAt: nil, isPilot: true)
        try await generator.seedSmall(
            intakeID: pilot, unitID: jobbspranget, ruleSet: EligibilityRuleSets.jobbsprangetPilotV1, ruleSetID: pilotRules,
            context: EligibilityContext(placementStart: day(45), placementEnd: day(165)), opens: day(-20), count: 26,
            profile: .pilot, decided: 8, deciderID: worker.id)

        _ = try await createIntake(
            db, programme: programme, ruleSet: v2, name: "Jobbsprånget hösten \(today.year + 1)", status: .planned, opens: day(150),
            closes: day(190),
            placement: (day(230), day(350)), targetPlaces: 1_200, targetApplicants: nil, endedAt: nil)

        // Stockholm's work training, being matched to places.
        let matching = try await createIntake(
            db, programme: workTraining, ruleSet: workTrainingRules, name: "Arbetsträning City, vintern", status: .matching,
            opens: day(-90),
            closes: day(-30), placement: (day(14), day(104)), targetPlaces: 40, targetApplicants: nil, endedAt: nil)
        try await generator.seedSmall(
            intakeID: matching, unitID: city, ruleSet: EligibilityRuleSets.stockholmWorkTrainingV1, ruleSetID: workTrainingRules,
            context: EligibilityContext(placementStart: day(14), placementEnd: day(104)), opens: day(-90), count: 64,
            profile: .stockholm, decided: 64, deciderID: nil, offered: 14)

        // Copenhagen's company internship, open, in Danish.
        let kobenhavn = try await createIntake(
            db, programme: companyInternship, ruleSet: companyRules, name: "Virksomhedspraktik København, foråret", status: .open,
            opens: day(-5),
            closes: day(40), placement: (day(70), day(160)), targetPlaces: 30, targetApplicants: nil, endedAt: nil)
        try await generator.seedSmall(
            intakeID: kobenhavn, unitID: copenhagen, ruleSet: EligibilityRuleSets.copenhagenCompanyInternshipV1,
            ruleSetID: companyRules, context: EligibilityContext(placementStart: day(70), placementEnd: day(160)),
            opens: day(-5), count: 24, profile: .copenhagen, decided: 0, deciderID: nil)

        try await generator.flush()
        try await generator.seedOutreach2023(intakeID: intake2023, createdBy: worker.id)
        return DemoData.Login(role: Role.caseWorker.rawValue, email: worker.email)
    }

    private static func createProgramme(
        _ db: any Database, code: String, name: String, kind: ProgrammeKind, unit: UUID, months: Int
    ) async throws -> UUID {
        let programme = Programme()
        programme.code = code
        programme.name = name
        programme.kind = kind.rawValue
        programme.$unit.id = unit
        programme.placementMonths = months
        try await programme.create(on: db)
        return try programme.requireID()
    }

    private static func createIntake(
        _ db: any Database, programme: UUID, ruleSet: UUID, name: String, status: IntakeStatus, opens: CivilDate, closes: CivilDate,
        placement: (CivilDate, CivilDate), targetPlaces: Int, targetApplicants: Int?, endedAt: Date?, previous: UUID? = nil,
        isPilot: Bool = false
    ) async throws -> UUID {
        let intake = Intake()
        intake.$programme.id = programme
        intake.$ruleSet.id = ruleSet
        intake.name = name
        intake.status = status.rawValue
        intake.opensOn = opens.description
        intake.closesOn = closes.description
        intake.placementStart = placement.0.description
        intake.placementEnd = placement.1.description
        intake.targetPlaces = targetPlaces
        intake.targetApplicants = targetApplicants
        intake.isPilot = isPilot
        intake.previousIntakeID = previous
        intake.endedAt = endedAt
        try await intake.create(on: db)
        return try intake.requireID()
    }
}

/// Generates applicants whose answers give the colour wanted under the intake's own rules: a
/// person who meets every condition, then the change a real applicant would have (born in Europe,
/// a degree in another field, a permit that ends too early …). The rules themselves then colour
/// the application, so the reasons shown are the rules' own.
struct DemoApplicants {
    let sql: any SQLDatabase
    let now: Date
    let today: CivilDate
    private var random = SeededGenerator(seed: 2_023)
    private var usedNumbers: Set<String> = []
    private var participants: [[any Encodable & Sendable]] = []
    private var consents: [[any Encodable & Sendable]] = []
    private var applications: [[any Encodable & Sendable]] = []
    private var languages: [[any Encodable & Sendable]] = []
    private var fields: [[any Encodable & Sendable]] = []
    private var districts: [[any Encodable & Sendable]] = []
    private var assessments: [[any Encodable & Sendable]] = []
    private var reasons: [[any Encodable & Sendable]] = []
    private var completions: [[any Encodable & Sendable]] = []
    /// The 2023 applicants, for the outreach that invited most of them.
    private var applicants2023: [UUID] = []
    private var outreachPool: [UUID] = []

    init(sql: any SQLDatabase, now: Date, today: CivilDate) {
        self.sql = sql
        self.now = now
        self.today = today
    }

    enum Profile {
        case jobbspranget, pilot, stockholm, copenhagen
    }

    private enum Change: CaseIterable {
        case bornInEurope, fieldOutside, noDegree, permitEnds, notRegistered, languageLow
        case permitPending, longExperience, registrationUnknown
        case noFullGrades, gradesUnknown, englishLow
    }

    mutating func loadUsedNumbers() async throws {
        struct Row: Decodable { let person_identifier: String? }
        usedNumbers = Set(
            try await sql.raw("SELECT person_identifier FROM participants").all(decoding: Row.self).compactMap(\.person_identifier))
    }

    /// Noon in Stockholm on `day`, moved by `hours`.
    func instant(_ day: CivilDate, hours: Double = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilDate.calendarTimeZone
        let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? now
        return noon.addingTimeInterval(hours * 3600)
    }

    private mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
    private mutating func chance(_ percent: Int) -> Bool { number(0...99) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[number(0...(items.count - 1))] }
    private mutating func pick<T>(_ weighted: [(T, Int)]) -> T {
        var roll = number(0...(weighted.reduce(0) { $0 + $1.1 } - 1))
        for (value, weight) in weighted {
            if roll < weight { return value }
            roll -= weight
        }
        return weighted[weighted.count - 1].0
    }

    // MARK: Answers that give a colour

    private mutating func eligibleFacts(_ profile: Profile, context: EligibilityContext) -> ApplicantFacts {
        var facts = ApplicantFacts(registeredAsJobSeeker: true, birthRegion: .outsideEurope, placedBeforeInProgramme: false)
        let home: SpokenLanguage = pick([(.ar, 25), (.fa, 18), (.ti, 10), (.so, 10), (.tr, 8), (.es, 8), (.ku, 6), (.uk, 8), (.am, 7)])
        facts.languages[home] = .native
        facts.swedishWorkExperienceMonths = number(0...18)
        facts.permit = pick([(PermitKind.temporary, 55), (.permanent, 38), (.citizen, 5), (.euRightOfResidence, 2)])
        if facts.permit == .temporary { facts.permitEndDate = context.placementEnd.adding(days: number(30...900)) }
        switch profile {
        case .jobbspranget:
            facts.educationLevel = chance(70) ? .postSecondaryLong : .postSecondaryShort
            facts.educationField = pick([
                (EducationField.computerScience, 25), (.technology, 22), (.economics, 20), (.architecture, 6), (.pharmacy, 7),
                (.humanResources, 8), (.marketing, 12),
            ])
            facts.educationYear = number(2005...2022)
            facts.languages[.en] = pick([(LanguageLevel.b2, 35), (.c1, 50), (.c2, 15)])
            facts.languages[.sv] = pick([(LanguageLevel.a1, 30), (.a2, 30), (.b1, 25), (.b2, 15)])
        case .pilot:
            facts.educationLevel = .upperSecondary
            facts.upperSecondaryFullGrades = true
            facts.educationField = pick([EducationField.administration, .retail, .hospitality, .transportAndLogistics])
            facts.languages[.en] = pick([(LanguageLevel.b2, 60), (.c1, 40)])
            facts.languages[.sv] = pick([LanguageLevel.a1, .a2, .b1])
        case .stockholm:
            facts.birthRegion = pick([(BirthRegion.sweden, 30), (.europeOutsideSweden, 12), (.outsideEurope, 58)])
            facts.educationLevel = pick([
                (EducationLevel.compulsory, 35), (.upperSecondary, 40), (.lessThanCompulsory, 15), (.postSecondaryShort, 10),
            ])
            facts.languages[.sv] = pick([LanguageLevel.a2, .b1, .b2, .c1])
            facts.swedishWorkExperienceMonths = number(0...120)
        case .copenhagen:
            facts.birthRegion = pick([(BirthRegion.europeOutsideSweden, 50), (.outsideEurope, 48), (.sweden, 2)])
            facts.educationLevel = pick([(EducationLevel.compulsory, 35), (.upperSecondary, 45), (.postSecondaryShort, 20)])
            facts.languages[.da] = pick([LanguageLevel.a2, .b1, .b2])
            facts.swedishWorkExperienceMonths = number(0...60)
        }
        return facts
    }

    private mutating func apply(_ change: Change, to facts: inout ApplicantFacts, context: EligibilityContext) {
        switch change {
        case .bornInEurope: facts.birthRegion = chance(80) ? .europeOutsideSweden : .sweden
        case .fieldOutside:
            facts.educationField = pick([EducationField.law, .healthCare, .teaching, .socialSciences, .humanitiesAndArts, .naturalSciences])
        case .noDegree:
            facts.educationLevel = chance(70) ? .upperSecondary : .compulsory
            facts.educationField = nil
        case .permitEnds:
            facts.permit = .temporary
            facts.permitEndDate = context.placementEnd.adding(days: -number(1...150))
        case .notRegistered: facts.registeredAsJobSeeker = false
        case .languageLow:
            facts.languages[.en] = chance(60) ? .b1 : .a2
            facts.languages[.sv] = chance(50) ? .a2 : .b1
        case .permitPending:
            facts.permit = .pending
            facts.permitEndDate = nil
        case .longExperience: facts.swedishWorkExperienceMonths = number(40...90)
        case .registrationUnknown: facts.registeredAsJobSeeker = nil
        case .noFullGrades: facts.upperSecondaryFullGrades = false
        case .gradesUnknown: facts.upperSecondaryFullGrades = nil
        case .englishLow: facts.languages[.en] = .b1
        }
    }

    private mutating func changes(for colour: EligibilityColour, _ profile: Profile, ruleSet: EligibilityRuleSet) -> [Change] {
        let languageIsRed = ruleSet.rule("good-english-or-swedish")?.whenNotMet == .red
        switch (colour, profile) {
        case (.green, _): return []
        case (.red, .jobbspranget):
            var weighted: [(Change, Int)] = [
                (.fieldOutside, 35), (.bornInEurope, 25), (.noDegree, 20), (.permitEnds, 10), (.notRegistered, 10),
            ]
            if languageIsRed { weighted.append((.languageLow, 10)) }
            var chosen = [pick(weighted)]
            if chance(15) { chosen.append(pick([Change.permitPending, .longExperience, .bornInEurope, .permitEnds])) }
            return chosen
        case (.orange, .jobbspranget):
            var weighted: [(Change, Int)] = [(.permitPending, 45), (.longExperience, 15), (.registrationUnknown, 10)]
            if !languageIsRed { weighted.append((.languageLow, 30)) }
            return [pick(weighted)]
        case (.red, .pilot): return [pick([(Change.noFullGrades, 40), (.englishLow, 30), (.bornInEurope, 15), (.permitEnds, 15)])]
        case (.orange, .pilot): return [pick([Change.gradesUnknown, .permitPending])]
        case (.red, _): return [pick([Change.notRegistered, .permitEnds])]
        case (.orange, _): return [pick([(Change.permitPending, 60), (.registrationUnknown, 40)])]
        }
    }

    /// Answers that the rule set colours `colour`, and the rules' evaluation of them.
    private mutating func generatedFacts(
        for colour: EligibilityColour, _ profile: Profile, ruleSet: EligibilityRuleSet, context: EligibilityContext
    ) -> (ApplicantFacts, EligibilityEvaluation) {
        for _ in 0..<20 {
            var facts = eligibleFacts(profile, context: context)
            for change in changes(for: colour, profile, ruleSet: ruleSet) { apply(change, to: &facts, context: context) }
            let evaluation = ruleSet.evaluate(facts, in: context)
            if evaluation.colour == colour { return (facts, evaluation) }
        }
        let facts = eligibleFacts(profile, context: context)
        return (facts, ruleSet.evaluate(facts, in: context))
    }

    // MARK: People and their applications

    private static let countries = [
        "Iran", "Syrien", "Indien", "Irak", "Turkiet", "Pakistan", "Egypten", "Nigeria", "Eritrea", "Afghanistan", "Bangladesh", "Colombia",
        "Kina", "Etiopien", "Somalia", "Ukraina",
    ]

    /// A new participant in `unit`; returns its id. Danish applicants get a CPR number.
    private mutating func person(
        unitID: UUID, gender: Gender, facts: ApplicantFacts, danish: Bool, created: Date, withEmail: Bool = true, consents: Int = 0
    )
        -> (id: UUID, first: String, last: String, email: String?, birthYear: Int)
    {
        let id = UUID()
        let first = gender == .man ? pick(DemoParticipants.menNames) : pick(DemoParticipants.womenNames)
        let last = pick(DemoParticipants.lastNames)
        let birthYear = today.year - number(22...52)
        var identifier: String?
        for _ in 0..<10 where identifier == nil {
            let month = number(1...12), day = number(1...28)
            if danish {
                let text = String(format: "%02d%02d%02d%04d", day, month, birthYear % 100, number(0...3_999))
                if let cpr = try? DanishCPRNumber(parsing: text, referenceDate: today) {
                    identifier = PersonIdentifier.danishCPR(cpr).storageValue
                }
            } else {
                let yymmdd = String(format: "%02d%02d%02d", birthYear % 100, month, day)
                let serial = String(format: "%03d", number(0...999))
                let check = LuhnChecksum.checkDigit(for: (yymmdd + serial).compactMap { Int(String($0)) }) ?? 0
                let text = String(format: "%04d", birthYear) + yymmdd.dropFirst(2) + serial + String(check)
                if let number = try? SwedishPersonalNumber(parsing: text, referenceDate: today) {
                    identifier = PersonIdentifier.swedish(number).storageValue
                }
            }
            if let value = identifier, !usedNumbers.insert(value).inserted { identifier = nil }
        }
        let email =
            withEmail
            ? "\(first).\(last).\(id.uuidString.prefix(4))@example.se".lowercased().folding(options: .diacriticInsensitive, locale: nil)
            : nil
        let postal =
            withEmail
            ? nil as String? : "\(pick(DemoEmployers.swedishStreets)) \(number(1...80)), 1\(number(10...99)) \(number(10...99)) Stockholm"
        participants.append([
            id, unitID, first, last, email, "07\(number(0...9))-\(number(100...999)) \(number(10...99)) \(number(10...99))", postal,
            (identifier == nil ? IdentifierKind.foreign : danish ? IdentifierKind.danishCPR : IdentifierKind.swedishPersonalNumber)
                .rawValue,
            identifier, birthYear, gender.rawValue, facts.birthRegion.rawValue, facts.educationLevel.rawValue,
            facts.educationField?.rawValue,
            (danish ? BenefitType.kontanthjaelpJobReady : chance(60) ? BenefitType.aktivitetsstod : BenefitType.none).rawValue,
            ParticipantStatus.active.rawValue, created, created, consents,
            Participant.searchText(firstName: first, lastName: last, email: email),
        ])
        return (id, first, last, email, birthYear)
    }

    struct Plan {
        var status: ApplicationStatus
        var decided: EligibilityColour?
        var offered = false
        var placementDecided = false
        var waitingListOffered = false
        var completion: CompletionRequest.Status?
    }

    /// One applicant with answers of `colour`, their application in `plan`'s status, the rules' run
    /// and, if decided, the decision; returns the participant id.
    @discardableResult
    private mutating func applicant(
        intakeID: UUID, unitID: UUID, gender: Gender, colour: EligibilityColour, profile: Profile, ruleSet: EligibilityRuleSet,
        ruleSetID: UUID,
        context: EligibilityContext, submitted: Date, plan: Plan, deciderID: UUID?
    ) -> UUID {
        let (facts, evaluation) = generatedFacts(for: colour, profile, ruleSet: ruleSet, context: context)
        let danish = profile == .copenhagen
        let sharesWithEmployers = chance(92)
        let who = person(
            unitID: unitID, gender: gender, facts: facts, danish: danish, created: submitted, consents: sharesWithEmployers ? 2 : 1)
        let applicationID = UUID()
        let language = danish ? "da" : pick([("sv", 55), ("en", 45)])
        let decidedAt = plan.decided.map { _ in submitted.addingTimeInterval(Double(number(2...40)) * 86_400 + Double(number(0...8)) * 3600)
        }
        let offeredAt = plan.offered ? (decidedAt ?? submitted).addingTimeInterval(Double(number(20...50)) * 86_400) : nil
        let placementAt = plan.placementDecided ? offeredAt.map { $0.addingTimeInterval(Double(number(5...20)) * 86_400) } : nil
        let withdrawnAt = plan.status == .withdrawn ? submitted.addingTimeInterval(Double(number(3...30)) * 86_400) : nil
        let changed = [placementAt, offeredAt, withdrawnAt, decidedAt].compactMap { $0 }.max() ?? submitted

        let rulesID = UUID()
        let encoder = RuleSetStore.encoder
        let firedJSON = String(decoding: (try? encoder.encode(evaluation.fired)) ?? Data("[]".utf8), as: UTF8.self)
        let factsJSON = String(decoding: (try? encoder.encode(facts)) ?? Data("{}".utf8), as: UTF8.self)
        assessments.append([
            rulesID, applicationID, who.id, 1, evaluation.colour.rawValue, "rules", ruleSetID, firedJSON, factsJSON, nil as String?,
            nil as UUID?, submitted,
        ])
        for rule in evaluation.fired {
            reasons.append([UUID(), rulesID, applicationID, rule.code, rule.colour.rawValue, rule.outcome.rawValue])
        }
        var currentID = rulesID
        var current = evaluation.colour
        if let decided = plan.decided, let decidedAt {
            let decisionID = UUID()
            let justification =
                decided == .green
                ? pick(["Uppfyller villkoren.", "Inskriven, tillstånd kontrollerat.", "Examen och tillstånd kontrollerade."])
                : pick(["Uppfyller inte villkoren enligt reglerna.", "Villkoren uppfylls inte.", "Examen utanför programmets områden."])
            assessments.append([
                decisionID, applicationID, who.id, 2, decided.rawValue, "decision", ruleSetID, firedJSON, factsJSON, justification,
                deciderID, decidedAt,
            ])
            currentID = decisionID
            current = decided
        }
        let home = profile == .copenhagen ? DemoEmployers.copenhagenDistricts : DemoEmployers.stockholmDistricts
        applications.append([
            applicationID, intakeID, who.id, plan.status.rawValue, current.rawValue, evaluation.colour.rawValue, currentID, rulesID,
            language, "web",
            who.first, who.last, who.email, nil as String?, gender.rawValue,
            facts.birthRegion.rawValue, chance(85) ? pick(home) : nil as String?, facts.registeredAsJobSeeker,
            facts.educationLevel.rawValue,
            facts.educationField?.rawValue,
            [EducationLevel.postSecondaryShort, .postSecondaryLong].contains(facts.educationLevel) ? pick(Self.countries) : nil as String?,
            facts.educationYear, facts.upperSecondaryFullGrades, facts.swedishWorkExperienceMonths, facts.permit?.rawValue,
            facts.permitEndDate?.description,
            pick([(CurrentOccupation.unemployed, 60), (.partTimeWork, 15), (.studies, 10), (.labourMarketProgramme, 15)]).rawValue,
            submitted, changed, decidedAt, offeredAt, placementAt, withdrawnAt, plan.waitingListOffered, changed,
        ])
        for (spoken, level) in facts.languages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            languages.append([UUID(), applicationID, who.id, spoken.rawValue, level.rawValue])
        }
        let wishes: [EducationField] =
            profile == .jobbspranget
            ? [facts.educationField ?? .technology] + (chance(50) ? [pick(EducationField.jobbsprangetFields)] : [])
            : [pick([EducationField.retail, .hospitality, .administration, .construction, .transportAndLogistics, .healthCare])]
        for field in Set(wishes) { fields.append([UUID(), applicationID, who.id, field.rawValue]) }
        for district in Set((0..<number(0...2)).map { _ in pick(home) }) { districts.append([UUID(), applicationID, who.id, district]) }
        var sequence = 1
        consents.append([
            UUID(), who.id, BuiltInConsentPurpose.programmePartners.rawValue, ConsentAction.given.rawValue, ConsentChannel.webForm.rawValue,
            1, submitted, nil as UUID?, sequence,
        ])
        if sharesWithEmployers {
            sequence += 1
            consents.append([
                UUID(), who.id, BuiltInConsentPurpose.employerProfile.rawValue, ConsentAction.given.rawValue,
                ConsentChannel.webForm.rawValue, 1, submitted, nil as UUID?, sequence,
            ])
        }
        if let status = plan.completion {
            let requested = submitted.addingTimeInterval(Double(number(1...10)) * 86_400)
            let requestedDay = CivilDate(requested) ?? today
            let deadline = status == .open ? (today.adding(days: number(3...14)) ?? today) : (requestedDay.adding(days: 14) ?? requestedDay)
            let answered = status == .answered ? requested.addingTimeInterval(Double(number(1...10)) * 86_400) : nil
            let item = facts.permit == .pending ? CompletionItem.permit : facts.registeredAsJobSeeker == nil ? .registration : .languages
            completions.append([
                UUID(), applicationID, who.id, item.rawValue,
                item == .permit
                    ? "Skicka en bild av ditt beslut från Migrationsverket, eller skriv när du väntar beslut."
                    : "Berätta mer om det vi frågar om, så kan vi pröva din ansökan.",
                deadline.description, status.rawValue, deciderID, requested, nil as Date?, answered,
                answered.map { _ in "Jag har fått beslut, tillståndet gäller i två år till." },
                status == .expired || status == .closed ? Optional(requested) : nil,
            ])
        }
        return who.id
    }

    // MARK: The intakes

    /// A day inside the window and a time of day, for a submission.
    private mutating func submission(opens: CivilDate, closes: CivilDate) -> Date {
        let last = min(closes.dayNumber, today.dayNumber)
        let day = CivilDate(dayNumber: opens.dayNumber + number(0...max(0, last - opens.dayNumber))) ?? opens
        return instant(day, hours: Double(number(-4...8)) + Double(number(0...59)) / 60)
    }

    /// Seed 004 table 1: 3,560 women and 1,520 men; 2,200 and 940 green, 820 and 350 offered a
    /// place, 720 and 310 placement decisions. Orange (510) is split in the same proportion.
    mutating func seedIntake2023(
        intakeID: UUID, unitID: UUID, ruleSet: EligibilityRuleSet, ruleSetID: UUID, context: EligibilityContext, opens: CivilDate,
        closes: CivilDate,
        deciderID: UUID?
    ) async throws {
        let figures: [(Gender, applied: Int, green: Int, orange: Int, offered: Int, decided: Int)] = [
            (.woman, 3_560, 2_200, 357, 820, 720), (.man, 1_520, 940, 153, 350, 310),
        ]
        for (gender, applied, green, orange, offered, decided) in figures {
            var colours =
                Array(repeating: EligibilityColour.green, count: green) + Array(repeating: .orange, count: orange)
                + Array(repeating: .red, count: applied - green - orange)
            colours.shuffle(using: &random)
            var greenSeen = 0
            for colour in colours {
                var plan: Plan
                switch colour {
                case .green:
                    greenSeen += 1
                    if greenSeen <= decided {
                        plan = Plan(status: .placed, decided: .green, offered: true, placementDecided: true)
                    } else if greenSeen <= offered {
                        plan = Plan(status: .notOffered, decided: .green, offered: true, waitingListOffered: true)
                    } else if chance(2) {
                        plan = Plan(status: .withdrawn, decided: .green)
                    } else {
                        plan = Plan(status: chance(30) ? .waitingList : .notOffered, decided: .green, waitingListOffered: true)
                    }
                    if chance(6) { plan.completion = .answered }
                case .orange:
                    plan = Plan(status: chance(5) ? .withdrawn : .notOffered, decided: nil)
                    plan.completion = pick([CompletionRequest.Status.answered, .expired, .expired, .closed])
                case .red:
                    plan = Plan(status: chance(3) ? .withdrawn : .notEligible, decided: .red)
                }
                let id = applicant(
                    intakeID: intakeID, unitID: unitID, gender: gender, colour: colour, profile: .jobbspranget, ruleSet: ruleSet,
                    ruleSetID: ruleSetID,
                    context: context, submitted: submission(opens: opens, closes: closes), plan: plan, deciderID: deciderID)
                applicants2023.append(id)
            }
        }
    }

    /// An intake being screened: about 1,500 applications, most waiting for a decision, some asked
    /// to complete their application, a few answered or out of time, a few withdrawn.
    mutating func seedScreening(
        intakeID: UUID, unitID: UUID, ruleSet: EligibilityRuleSet, ruleSetID: UUID, context: EligibilityContext, opens: CivilDate,
        closes: CivilDate,
        deciderID: UUID?
    ) async throws {
        var openCompletions = 0
        for _ in 0..<1_480 {
            let gender: Gender = pick([(.woman, 68), (.man, 30), (.other, 1), (.notStated, 1)])
            let colour: EligibilityColour = pick([(.green, 62), (.orange, 12), (.red, 26)])
            var plan = Plan(status: .submitted, decided: nil)
            switch colour {
            case .green where chance(40): plan = Plan(status: .eligible, decided: .green)
            case .red where chance(50): plan = Plan(status: .notEligible, decided: .red)
            case .orange:
                if openCompletions < 70 && chance(50) {
                    plan = Plan(status: .awaitingCompletion, decided: nil, completion: .open)
                    openCompletions += 1
                } else if chance(25) {
                    plan.completion = chance(70) ? .answered : .expired
                }
            default: break
            }
            if plan.status == .submitted && chance(1) { plan.status = .withdrawn }
            applicant(
                intakeID: intakeID, unitID: unitID, gender: gender, colour: colour, profile: .jobbspranget, ruleSet: ruleSet,
                ruleSetID: ruleSetID,
                context: context, submitted: submission(opens: opens, closes: closes), plan: plan, deciderID: deciderID)
        }
        // Job seekers registered with the programme who have not applied: the next outreach finds
        // them, some only by post.
        for index in 0..<320 {
            let gender: Gender = chance(65) ? .woman : .man
            let facts = eligibleFacts(.jobbspranget, context: context)
            let created = instant(today.adding(days: -number(30...400)) ?? today)
            outreachPool.append(
                person(unitID: unitID, gender: gender, facts: facts, danish: false, created: created, withEmail: index % 9 != 0).id)
        }
    }

    /// A smaller intake: `count` applications, the first `decided` of them decided by a person
    /// (and `offered` of the eligible among those offered a place).
    mutating func seedSmall(
        intakeID: UUID, unitID: UUID, ruleSet: EligibilityRuleSet, ruleSetID: UUID, context: EligibilityContext, opens: CivilDate,
        count: Int,
        profile: Profile, decided: Int, deciderID: UUID?, offered: Int = 0
    ) async throws {
        var offeredSoFar = 0
        for index in 0..<count {
            let gender: Gender = pick([(.woman, 55), (.man, 43), (.other, 2)])
            let colour: EligibilityColour = pick([(.green, 70), (.orange, 12), (.red, 18)])
            var plan = Plan(status: .submitted, decided: nil)
            if index < decided {
                switch colour {
                case .green:
                    plan = Plan(status: .eligible, decided: .green)
                    if offeredSoFar < offered {
                        plan = Plan(status: .offered, decided: .green, offered: true)
                        offeredSoFar += 1
                    }
                case .red: plan = Plan(status: .notEligible, decided: .red)
                case .orange: plan = Plan(status: .awaitingCompletion, decided: nil, completion: .open)
                }
            }
            applicant(
                intakeID: intakeID, unitID: unitID, gender: gender, colour: colour, profile: profile, ruleSet: ruleSet,
                ruleSetID: ruleSetID,
                context: context, submitted: submission(opens: opens, closes: today), plan: plan, deciderID: deciderID)
        }
    }

    /// Writes everything generated, in the order the foreign keys need.
    mutating func flush() async throws {
        try await DemoParticipants.insert(
            sql, Participant.schema,
            [
                "id", "unit_id", "first_name", "last_name", "email", "phone", "postal_address", "identifier_kind", "person_identifier",
                "birth_year",
                "gender", "birth_region", "education_level", "education_field", "benefit_type", "status", "created_at", "updated_at",
                "consent_sequence", "search_text",
            ], participants)
        try await DemoParticipants.insert(
            sql, ConsentEvent.schema,
            [
                "id", "participant_id", "purpose_code", "action", "channel", "text_version", "occurred_at", "recorded_by", "sequence",
            ], consents)
        try await DemoParticipants.insert(
            sql, IntakeApplication.schema,
            [
                "id", "intake_id", "participant_id", "status", "colour", "rules_colour", "current_assessment_id", "rules_assessment_id",
                "language",
                "channel", "first_name", "last_name", "email", "birth_date", "gender", "birth_region", "home_district",
                "registered_as_job_seeker",
                "education_level", "education_field", "education_country", "education_year", "upper_secondary_full_grades",
                "swedish_work_months",
                "permit_kind", "permit_end", "current_occupation", "submitted_at", "status_changed_at", "first_decided_at", "offered_at",
                "placement_decided_at", "withdrawn_at", "waiting_list_offered", "updated_at",
            ], applications)
        try await DemoParticipants.insert(
            sql, ApplicationLanguage.schema, ["id", "application_id", "participant_id", "language", "level"], languages)
        try await DemoParticipants.insert(
            sql, ApplicationPreferredField.schema, ["id", "application_id", "participant_id", "field"], fields)
        try await DemoParticipants.insert(
            sql, ApplicationPreferredDistrict.schema, ["id", "application_id", "participant_id", "district"], districts)
        try await DemoParticipants.insert(
            sql, EligibilityAssessment.schema,
            [
                "id", "application_id", "participant_id", "sequence", "colour", "source", "rule_set_id", "fired", "facts", "justification",
                "decided_by",
                "created_at",
            ], assessments)
        try await DemoParticipants.insert(
            sql, AssessmentReason.schema, ["id", "assessment_id", "application_id", "rule_code", "colour", "outcome"], reasons)
        try await DemoParticipants.insert(
            sql, CompletionRequest.schema,
            [
                "id", "application_id", "participant_id", "items", "message", "deadline", "status", "requested_by", "requested_at",
                "reminder_sent_at",
                "answered_at", "answer_text", "closed_at",
            ], completions)
        participants = []
        consents = []
        applications = []
        languages = []
        fields = []
        districts = []
        assessments = []
        reasons = []
        completions = []
    }

    /// The outreach before the 2023 intake (seed 004 2.4): most applicants had been invited, and so
    /// had job seekers at the Jobbtorgs born outside Europe with post-secondary education.
    mutating func seedOutreach2023(intakeID: UUID, createdBy: UUID?) async throws {
        struct Row: Decodable { let id: UUID }
        let others = try await sql.raw(
            """
            SELECT p.id FROM participants p JOIN units u ON u.id = p.unit_id
            WHERE u.code LIKE 'JT-%' AND p.birth_region = \(bind: BirthRegion.outsideEurope.rawValue)
              AND p.education_level IN (\(binds: [EducationLevel.postSecondaryShort.rawValue, EducationLevel.postSecondaryLong.rawValue]))
            """
        ).all(decoding: Row.self).map(\.id)
        var invited = applicants2023.filter { _ in chance(63) }
        invited += others
        let selectionID = UUID()
        let sent = instant(CivilDate(year: 2023, month: 5, day: 10) ?? today)
        let criteria = OutreachCriteria(birthRegions: [.outsideEurope], educationLevels: [.postSecondaryShort, .postSecondaryLong])
        let json = String(decoding: try RuleSetStore.encoder.encode(criteria), as: UTF8.self)
        try await DemoParticipants.insert(
            sql, OutreachSelection.schema,
            [
                "id", "intake_id", "criteria", "recipient_count", "email_count", "letter_count", "status", "created_by", "created_at",
                "sent_by", "sent_at",
            ],
            [
                [
                    selectionID, intakeID, json, invited.count, invited.count, 0, OutreachSelection.Status.sent.rawValue, createdBy, sent,
                    createdBy, sent,
                ]
            ])
        try await DemoParticipants.insert(
            sql, OutreachRecipient.schema, ["id", "selection_id", "intake_id", "participant_id", "channel", "language", "sent_at"],
            invited.map {
                [UUID(), selectionID, intakeID, $0, OutreachRecipient.Channel.email.rawValue, AppLanguage.default.rawValue, sent]
            })
    }
}
