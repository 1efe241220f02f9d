import PraktikCore
import Testing

/// A Jobbsprånget applicant who meets every condition of the ordinary intake.
func eligibleApplicant() -> ApplicantFacts {
    ApplicantFacts(
        registeredAsJobSeeker: true, birthRegion: .outsideEurope, educationLevel: .postSecondaryLong,
        educationField: .computerScience, educationYear: 2016, languages: [.fa: .native, .en: .c1, .sv: .a2],
        swedishWorkExperienceMonths: 6, permit: .temporary, permitEndDate: CivilDate(year: 2026, month: 12, day: 31))
}

/// The autumn placement period the boundary tests use: 1 September to 31 December 2026.
func autumnPeriod() throws -> EligibilityContext {
    EligibilityContext(placementStart: try civilDate("2026-09-01"), placementEnd: try civilDate("2026-12-31"))
}

@Suite("Eligibility rules")
struct EligibilityRulesTests {
    let rules = EligibilityRuleSets.jobbsprangetV1

    func fired(_ facts: ApplicantFacts, _ context: EligibilityContext) -> [String: EligibilityColour] {
        Dictionary(uniqueKeysWithValues: rules.evaluate(facts, in: context).fired.map { ($0.code, $0.colour) })
    }

    @Test("an applicant who meets every condition is green with no rule fired")
    func green() throws {
        let evaluation = rules.evaluate(eligibleApplicant(), in: try autumnPeriod())
        #expect(evaluation.colour == .green)
        #expect(evaluation.fired.isEmpty)
    }

    @Test(
        "a permit must last through the last day of the placement",
        arguments: [
            ("2026-12-30", EligibilityColour.red),  // ends the day before the period ends
            ("2026-12-31", .green),  // ends on the last day
            ("2027-01-01", .green),  // ends the day after
            ("2026-08-31", .red),  // ends before the period starts
        ])
    func permitBoundary(end: String, expected: EligibilityColour) throws {
        var facts = eligibleApplicant()
        facts.permitEndDate = try civilDate(end)
        #expect(rules.evaluate(facts, in: try autumnPeriod()).colour == expected)
        if expected == .red { #expect(fired(facts, try autumnPeriod())["permit-valid-through-placement"] == .red) }
    }

    @Test("a temporary permit without an end date, or one applied for, is checked by hand")
    func permitUnknown() throws {
        var facts = eligibleApplicant()
        facts.permitEndDate = nil
        #expect(fired(facts, try autumnPeriod()) == ["permit-valid-through-placement": .orange])
        facts.permit = .pending
        #expect(fired(facts, try autumnPeriod()) == ["permit-valid-through-placement": .orange])
        let evaluation = rules.evaluate(facts, in: try autumnPeriod())
        #expect(evaluation.fired.first?.outcome == .unknown)
    }

    @Test("citizens and permanent residents need no end date; no permit is red", arguments: PermitKind.allCases)
    func permitKinds(kind: PermitKind) throws {
        var facts = eligibleApplicant()
        facts.permit = kind
        facts.permitEndDate = nil
        let colour = fired(facts, try autumnPeriod())["permit-valid-through-placement"]
        switch kind {
        case .citizen, .euRightOfResidence, .permanent: #expect(colour == nil)
        case .temporary, .pending: #expect(colour == .orange)
        case .none: #expect(colour == .red)
        }
    }

    @Test(
        "born outside Europe: Europe and Sweden are red, not stated is checked",
        arguments: [
            (BirthRegion.outsideEurope, EligibilityColour?.none),
            (.europeOutsideSweden, .red),
            (.sweden, .red),
            (.notStated, .orange),
        ])
    func birthRegion(region: BirthRegion, expected: EligibilityColour?) throws {
        var facts = eligibleApplicant()
        facts.birthRegion = region
        #expect(fired(facts, try autumnPeriod())["born-outside-europe"] == expected)
    }

    @Test("a degree field outside the programme's list is red; each listed field passes")
    func degreeField() throws {
        for field in EducationField.allCases {
            var facts = eligibleApplicant()
            facts.educationField = field
            let colour = fired(facts, try autumnPeriod())["degree-field"]
            #expect(colour == (EducationField.jobbsprangetFields.contains(field) ? nil : .red), "\(field)")
        }
        var unknown = eligibleApplicant()
        unknown.educationField = nil
        #expect(fired(unknown, try autumnPeriod())["degree-field"] == .orange)
    }

    @Test("a degree means post-secondary education; upper-secondary is red, unknown is checked")
    func degreeLevel() throws {
        for (level, expected) in [
            (EducationLevel.postSecondaryShort, EligibilityColour?.none), (.postSecondaryLong, nil), (.upperSecondary, .red),
            (.compulsory, .red), (.unknown, .orange),
        ] {
            var facts = eligibleApplicant()
            facts.educationLevel = level
            #expect(fired(facts, try autumnPeriod())["academic-degree"] == expected, "\(level)")
        }
    }

    @Test("registration as a job seeker: no is red, not known is checked")
    func registration() throws {
        var facts = eligibleApplicant()
        facts.registeredAsJobSeeker = false
        #expect(fired(facts, try autumnPeriod()) == ["registered-job-seeker": .red])
        facts.registeredAsJobSeeker = nil
        #expect(fired(facts, try autumnPeriod()) == ["registered-job-seeker": .orange])
    }

    @Test("limited Swedish work experience: 24 months passes, 25 is checked by hand")
    func workExperience() throws {
        var facts = eligibleApplicant()
        facts.swedishWorkExperienceMonths = 24
        #expect(fired(facts, try autumnPeriod()).isEmpty)
        facts.swedishWorkExperienceMonths = 25
        #expect(fired(facts, try autumnPeriod()) == ["limited-swedish-experience": .orange])
    }

    @Test("good English or Swedish: B2 in either passes, B1 in both is checked")
    func language() throws {
        var facts = eligibleApplicant()
        facts.languages = [.ar: .native, .sv: .b2, .en: .a2]
        #expect(fired(facts, try autumnPeriod()).isEmpty)
        facts.languages = [.ar: .native, .sv: .b1, .en: .b1]
        #expect(fired(facts, try autumnPeriod()) == ["good-english-or-swedish": .orange])
        facts.languages = [.ar: .native]
        #expect(fired(facts, try autumnPeriod()) == ["good-english-or-swedish": .orange])
    }

    @Test("someone already placed through the programme is red")
    func placedBefore() throws {
        var facts = eligibleApplicant()
        facts.placedBeforeInProgramme = true
        #expect(fired(facts, try autumnPeriod()) == ["not-placed-before": .red])
    }

    @Test("every rule that fired is listed, and the worst colour decides")
    func everyFiredRule() throws {
        var facts = eligibleApplicant()
        facts.birthRegion = .europeOutsideSweden
        facts.educationField = .law
        facts.permit = .pending
        facts.swedishWorkExperienceMonths = 40
        let evaluation = rules.evaluate(facts, in: try autumnPeriod())
        #expect(evaluation.colour == .red)
        #expect(
            evaluation.fired.map(\.code) == [
                "born-outside-europe", "degree-field", "limited-swedish-experience", "permit-valid-through-placement",
            ])
        #expect(evaluation.fired.map(\.colour) == [.red, .red, .orange, .orange])
    }

    @Test("the pilot asks for upper-secondary school with full grades and good English instead of a degree")
    func pilot() throws {
        let pilot = EligibilityRuleSets.jobbsprangetPilotV1
        var facts = eligibleApplicant()
        facts.educationLevel = .upperSecondary
        facts.educationField = nil
        facts.upperSecondaryFullGrades = true
        #expect(pilot.evaluate(facts, in: try autumnPeriod()).colour == .green)
        #expect(rules.evaluate(facts, in: try autumnPeriod()).colour == .red, "the ordinary intake wants a degree")
        facts.upperSecondaryFullGrades = false
        #expect(pilot.evaluate(facts, in: try autumnPeriod()).fired.map(\.code) == ["upper-secondary-full-grades"])
        facts.upperSecondaryFullGrades = nil
        #expect(pilot.evaluate(facts, in: try autumnPeriod()).colour == .orange)
        facts.upperSecondaryFullGrades = true
        facts.languages = [.sv: .c2, .en: .b1]
        #expect(pilot.evaluate(facts, in: try autumnPeriod()).fired.map(\.code) == ["good-english"], "Swedish does not replace English")
        facts.educationLevel = .compulsory
        facts.languages = [.en: .c1]
        #expect(pilot.evaluate(facts, in: try autumnPeriod()).fired.map(\.code) == ["upper-secondary-full-grades"])
    }

    @Test("each rule names the facts it reads")
    func reads() {
        #expect(EligibilityRuleSets.permitThroughPlacement.reads == [.permit, .permitEndDate])
        #expect(EligibilityRuleSets.degreeInProgrammeField.reads == [.educationField])
        for ruleSet in EligibilityRuleSets.all {
            for rule in ruleSet.rules { #expect(!rule.reads.isEmpty, "\(ruleSet.code) \(rule.code)") }
        }
    }
}
