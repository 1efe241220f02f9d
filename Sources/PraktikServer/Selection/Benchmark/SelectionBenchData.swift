import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// `praktik bench-data selection`: an empty database made into one intake at the scale of issue 12's
/// benchmark (3,140 green candidates, 2,270 usable places by default), so anyone can repeat the
/// matching run's figures with two commands. Deterministic for a seed.
///
/// The records are written in bulk, as the demo writes them, but every value that a rule decides
/// comes from that rule: an application's colour is the intake's rule set's evaluation of its
/// answers (answers are drawn until the rules say green), a place is open only when
/// `PlaceUsability.answerForOpening` allows it on its employer's checks, and the test of this
/// generator asks `IntakeEligibility` and `MatchingInputs` whether every record is matched.
public enum SelectionBenchData {
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Summary: Sendable {
        public let intakeID: UUID
        public let candidates: Int
        public let places: Int
        public let seats: Int
        public let employers: Int

        /// One JSON line, like `praktik match --intake`'s.
        public var json: String {
            "{\"intake\": \"\(intakeID.uuidString.lowercased())\", \"candidates\": \(candidates), \"places\": \(places), "
                + "\"seats\": \(seats), \"employers\": \(employers)}"
        }
    }

    /// The tables that must be empty: anything in them was not written by a migration.
    static let mustBeEmpty = [
        OrganisationUnit.schema, User.schema, Participant.schema, Employer.schema, Place.schema, Intake.schema, Programme.schema,
    ]

    /// Writes the intake into the application's database; refuses a database holding any data.
    public static func load(candidates: Int, places: Int, seed: UInt64, on app: Application) async throws -> Summary {
        guard candidates > 0, places > 0 else { throw Refusal(description: "--candidates and --places must be at least 1.") }
        let sql = try app.db.sql
        struct Count: Decodable { let n: Int }
        for table in mustBeEmpty {
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n ?? 0
            guard count == 0 else {
                throw Refusal(description: "The database already holds data (\(table) is not empty); use an empty one.")
            }
        }
        let today = try app.clock.today()
        let now = app.clock.now()
        return try await app.db.writingTransaction { db in
            var generator = Generator(seed: seed, today: today, now: now)
            return try await generator.load(candidates: candidates, places: places, on: db)
        }
    }

    struct Generator {
        var random: SeededGenerator
        let today: CivilDate
        let now: Date

        init(seed: UInt64, today: CivilDate, now: Date) {
            random = SeededGenerator(seed: seed)
            self.today = today
            self.now = now
        }

        mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { number(0...99) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[number(0...(items.count - 1))] }
        mutating func pick<T>(_ weighted: [(T, Int)]) -> T {
            var roll = number(0...(weighted.reduce(0) { $0 + $1.1 } - 1))
            for (value, weight) in weighted {
                if roll < weight { return value }
                roll -= weight
            }
            return weighted[weighted.count - 1].0
        }

        mutating func load(candidates: Int, places: Int, on db: any Database) async throws -> Summary {
            let sql = try db.sql
            let unit = OrganisationUnit(name: "Jobbsprånget (benchmark)", code: "BENCH", kind: .programmeOperator)
            try await unit.create(on: db)
            let unitID = try unit.requireID()
            let ruleSet = EligibilityRuleSets.jobbsprangetV2
            let ruleSetID = try await RuleSetStore(database: db, clock: AppClock(now: { [now] in now })).store(ruleSet).requireID()

            let programme = Programme()
            programme.code = "jobbspranget-bench"
            programme.name = "Jobbsprånget (benchmark)"
            programme.kind = ProgrammeKind.internshipProgramme.rawValue
            programme.$unit.id = unitID
            programme.placementMonths = 4
            try await programme.create(on: db)

            let placementStart = today.adding(days: 30) ?? today
            let placementEnd = placementStart.adding(days: 133) ?? placementStart
            let intake = Intake()
            intake.$programme.id = try programme.requireID()
            intake.$ruleSet.id = ruleSetID
            intake.name = "Jobbsprånget benchmark \(candidates) × \(places)"
            intake.status = IntakeStatus.matching.rawValue
            intake.opensOn = (today.adding(days: -60) ?? today).description
            intake.closesOn = (today.adding(days: -10) ?? today).description
            intake.placementStart = placementStart.description
            intake.placementEnd = placementEnd.description
            intake.targetPlaces = places
            intake.targetApplicants = candidates
            intake.isPilot = false
            try await intake.create(on: db)
            let intakeID = try intake.requireID()

            let context = EligibilityContext(placementStart: placementStart, placementEnd: placementEnd)
            try await applicants(
                candidates, intakeID: intakeID, unitID: unitID, ruleSet: ruleSet, ruleSetID: ruleSetID, context: context, sql: sql)
            let register = try await register(places: places, unitID: unitID, start: placementStart, on: db)
            return Summary(
                intakeID: intakeID, candidates: candidates, places: places, seats: register.seats, employers: register.employers)
        }

        // MARK: Applicants

        /// Answers of a Jobbsprånget applicant (as the demo's 2023 intake draws them), drawn again
        /// until the intake's rules colour them green.
        mutating func greenFacts(_ ruleSet: EligibilityRuleSet, context: EligibilityContext) -> (ApplicantFacts, EligibilityEvaluation)? {
            for _ in 0..<50 {
                var facts = ApplicantFacts(registeredAsJobSeeker: true, birthRegion: .outsideEurope, placedBeforeInProgramme: false)
                let home: SpokenLanguage = pick([
                    (.ar, 25), (.fa, 18), (.ti, 10), (.so, 10), (.tr, 8), (.es, 8), (.ku, 6), (.uk, 8), (.am, 7),
                ])
                facts.languages[home] = .native
                facts.swedishWorkExperienceMonths = number(0...18)
                facts.permit = pick([(PermitKind.temporary, 55), (.permanent, 38), (.citizen, 5), (.euRightOfResidence, 2)])
                if facts.permit == .temporary { facts.permitEndDate = context.placementEnd.adding(days: number(30...900)) }
                facts.educationLevel = chance(70) ? .postSecondaryLong : .postSecondaryShort
                facts.educationField = pick([
                    (EducationField.computerScience, 25), (.technology, 22), (.economics, 20), (.architecture, 6), (.pharmacy, 7),
                    (.humanResources, 8), (.marketing, 12),
                ])
                facts.educationYear = number(2005...2022)
                facts.languages[.en] = pick([(LanguageLevel.b2, 35), (.c1, 50), (.c2, 15)])
                facts.languages[.sv] = pick([(LanguageLevel.a1, 30), (.a2, 30), (.b1, 25), (.b2, 15)])
                let evaluation = ruleSet.evaluate(facts, in: context)
                if evaluation.colour == .green { return (facts, evaluation) }
            }
            return nil
        }

        mutating func applicants(
            _ count: Int, intakeID: UUID, unitID: UUID, ruleSet: EligibilityRuleSet, ruleSetID: UUID, context: EligibilityContext,
            sql: any SQLDatabase
        ) async throws {
            var participants: [BulkInsert.Row] = []
            var applications: [BulkInsert.Row] = []
            var assessments: [BulkInsert.Row] = []
            var reasons: [BulkInsert.Row] = []
            var languages: [BulkInsert.Row] = []
            var fields: [BulkInsert.Row] = []
            var districts: [BulkInsert.Row] = []
            let encoder = RuleSetStore.encoder
            for _ in 0..<count {
                guard let (facts, evaluation) = greenFacts(ruleSet, context: context) else {
                    throw Refusal(description: "The rule set \(ruleSet.code) v\(ruleSet.version) coloured no drawn answers green.")
                }
                let participantID = UUID()
                let applicationID = UUID()
                let assessmentID = UUID()
                let gender: Gender = pick([(.woman, 68), (.man, 30), (.other, 1), (.notStated, 1)])
                let first = gender == .man ? pick(DemoParticipants.menNames) : pick(DemoParticipants.womenNames)
                let last = pick(DemoParticipants.lastNames)
                let email = "\(first).\(last).\(participantID.uuidString.prefix(6))@example.se".lowercased()
                    .folding(options: .diacriticInsensitive, locale: nil)
                let submitted = now.addingTimeInterval(-Double(number(10...60)) * 86_400)
                participants.append([
                    participantID, unitID, first, last, email, nil as String?, nil as String?, IdentifierKind.foreign.rawValue,
                    nil as String?, today.year - number(22...52), gender.rawValue, facts.birthRegion.rawValue,
                    facts.educationLevel.rawValue, facts.educationField?.rawValue, BenefitType.aktivitetsstod.rawValue,
                    ParticipantStatus.active.rawValue, submitted, submitted, 0,
                    Participant.searchText(firstName: first, lastName: last, email: email),
                ])
                let firedJSON = String(decoding: try encoder.encode(evaluation.fired), as: UTF8.self)
                let factsJSON = String(decoding: try encoder.encode(facts), as: UTF8.self)
                assessments.append([
                    assessmentID, applicationID, participantID, 1, evaluation.colour.rawValue, "rules", ruleSetID, firedJSON, factsJSON,
                    nil as String?, nil as UUID?, submitted,
                ])
                for rule in evaluation.fired {
                    reasons.append([UUID(), assessmentID, applicationID, rule.code, rule.colour.rawValue, rule.outcome.rawValue])
                }
                let home: String? = chance(85) ? pick(DemoEmployers.stockholmDistricts) : nil
                applications.append([
                    applicationID, intakeID, participantID, ApplicationStatus.submitted.rawValue, evaluation.colour.rawValue,
                    evaluation.colour.rawValue, assessmentID, assessmentID, pick(["sv", "en"]), "web", first, last, email,
                    nil as String?, gender.rawValue, facts.birthRegion.rawValue, home, facts.registeredAsJobSeeker,
                    facts.educationLevel.rawValue, facts.educationField?.rawValue, pick(["Iran", "Syrien", "Indien", "Irak", "Turkiet"]),
                    facts.educationYear, facts.upperSecondaryFullGrades, facts.swedishWorkExperienceMonths, facts.permit?.rawValue,
                    facts.permitEndDate?.description, CurrentOccupation.unemployed.rawValue, submitted, submitted, nil as Date?,
                    nil as Date?, nil as Date?, nil as Date?, false, submitted,
                ])
                for (spoken, level) in facts.languages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    languages.append([UUID(), applicationID, participantID, spoken.rawValue, level.rawValue])
                }
                let wishes = [facts.educationField ?? .technology] + (chance(50) ? [pick(EducationField.jobbsprangetFields)] : [])
                for field in Set(wishes) { fields.append([UUID(), applicationID, participantID, field.rawValue]) }
                // A third name no district (anywhere in the region); the rest their own and up to two more.
                if let home, !chance(35) {
                    let more = Set((0..<number(0...2)).map { _ in pick(DemoEmployers.stockholmDistricts) }).union([home])
                    for district in more.sorted() { districts.append([UUID(), applicationID, participantID, district]) }
                }
            }
            try await BulkInsert.insert(
                into: Participant.schema,
                columns: [
                    "id", "unit_id", "first_name", "last_name", "email", "phone", "postal_address", "identifier_kind",
                    "person_identifier", "birth_year", "gender", "birth_region", "education_level", "education_field", "benefit_type",
                    "status", "created_at", "updated_at", "consent_sequence", "search_text",
                ], rows: participants, on: sql)
            try await BulkInsert.insert(
                into: IntakeApplication.schema,
                columns: [
                    "id", "intake_id", "participant_id", "status", "colour", "rules_colour", "current_assessment_id",
                    "rules_assessment_id", "language", "channel", "first_name", "last_name", "email", "birth_date", "gender",
                    "birth_region", "home_district", "registered_as_job_seeker", "education_level", "education_field",
                    "education_country", "education_year", "upper_secondary_full_grades", "swedish_work_months", "permit_kind",
                    "permit_end", "current_occupation", "submitted_at", "status_changed_at", "first_decided_at", "offered_at",
                    "placement_decided_at", "withdrawn_at", "waiting_list_offered", "updated_at",
                ], rows: applications, on: sql)
            try await BulkInsert.insert(
                into: ApplicationLanguage.schema, columns: ["id", "application_id", "participant_id", "language", "level"],
                rows: languages, on: sql)
            try await BulkInsert.insert(
                into: ApplicationPreferredField.schema, columns: ["id", "application_id", "participant_id", "field"], rows: fields,
                on: sql)
            try await BulkInsert.insert(
                into: ApplicationPreferredDistrict.schema, columns: ["id", "application_id", "participant_id", "district"],
                rows: districts, on: sql)
            try await BulkInsert.insert(
                into: EligibilityAssessment.schema,
                columns: [
                    "id", "application_id", "participant_id", "sequence", "colour", "source", "rule_set_id", "fired", "facts",
                    "justification", "decided_by", "created_at",
                ], rows: assessments, on: sql)
            try await BulkInsert.insert(
                into: AssessmentReason.schema, columns: ["id", "assessment_id", "application_id", "rule_code", "colour", "outcome"],
                rows: reasons, on: sql)
        }

        // MARK: Employers and places

        /// Occupational fields of the places, weighted towards Jobbsprånget's (IT, engineering,
        /// offices), with a share of places that take other fields.
        static let occupations: [(String, Int)] = [
            ("IT", 25), ("Teknik", 18), ("Kontor och administration", 20), ("Handel", 8), ("Logistik", 7), ("Vård och omsorg", 6),
            ("Bygg", 6), ("Fastighet", 4), ("Fordon", 3), ("Restaurang", 3),
        ]
        static let languageNeeds: [(String, Int)] = [
            ("Engelska", 30), ("", 20), ("Svenska A2", 15), ("Svenska B1", 15), ("Svenska grundläggande", 10),
            ("Svenska B2, engelska", 5), ("Engelska B2", 5),
        ]

        mutating func register(places: Int, unitID: UUID, start: CivilDate, on db: any Database) async throws -> (
            seats: Int, employers: Int
        ) {
            let sql = try db.sql
            let checkTypes = try await EmployerCheckType.query(on: db).sort(\.$position).all()
            var employers: [BulkInsert.Row] = []
            var workplaces: [BulkInsert.Row] = []
            var placeRows: [BulkInsert.Row] = []
            var checks: [BulkInsert.Row] = []
            var usedNumbers: Set<String> = []
            var seats = 0
            var made = 0
            var index = 0
            while made < places {
                let industry = pick(Self.occupations)
                var identifier: EmployerIdentifier?
                while identifier == nil {
                    if let candidate = DemoEmployers.organisationNumber(for: .private, &random),
                        usedNumbers.insert(candidate.storageValue).inserted
                    {
                        identifier = candidate
                    }
                }
                guard let identifier else { continue }
                let pattern = pick(DemoEmployers.privatePatterns[industry] ?? ["{} \(industry) AB"])
                let name = pattern.replacingOccurrences(of: "{}", with: pick(DemoEmployers.companyWords)) + " \(index + 1)"
                let employerID = UUID()
                employers.append([
                    employerID, name, identifier.storageValue, identifier.country, EmployerSector.private.rawValue, industry,
                    number(5...400), true, Employer.searchText(name: name, identifier: identifier, industry: industry), now, now,
                ])
                // Every check passed recently, so the employer's places may be opened and used.
                var standings: [EmployerCheckStanding] = []
                for type in checkTypes {
                    guard let typeID = type.id else { continue }
                    let checked = today.adding(days: -number(5...60)) ?? today
                    let expires = type.validityDays.flatMap { checked.adding(days: $0) }
                    checks.append([
                        UUID(), employerID, typeID, EmployerCheckResult.passed.rawValue, checked.description, expires?.description,
                        type.needsUnion ? pick(DemoEmployers.unions) : nil as String?, "", nil as UUID?, now,
                    ])
                    if type.isRequired {
                        standings.append(
                            EmployerCheckStanding(checkKey: type.key, result: .passed, recordedOn: checked, expiresOn: expires))
                    }
                }
                let workplaceCount = chance(25) ? 2 : 1
                for w in 0..<workplaceCount where made < places {
                    let district = pick(DemoEmployers.stockholmDistricts)
                    let workplace = RegisterRow.Workplace(
                        name: workplaceCount > 1 ? "\(name) – \(district)" : "",
                        address: "\(pick(DemoEmployers.swedishStreets)) \(w + 1 + number(0...79))",
                        postalCode: "1\(number(10...99)) \(number(10...99))", city: "Stockholm", district: district, pNumber: nil)
                    let workplaceID = UUID()
                    workplaces.append([
                        workplaceID, employerID, workplace.name, workplace.address, workplace.postalCode, workplace.city,
                        workplace.district, nil as String?, workplace.naturalKey, true, now, now,
                    ])
                    for p in 0..<number(1...4) where made < places {
                        let title = pick(DemoEmployers.titles[industry] ?? ["Praktikant"])
                        let placeStart = start.adding(days: pick([(0, 70), (14, 30)])) ?? start
                        let placeEnd = placeStart.adding(days: 119) ?? placeStart
                        let place = RegisterRow.Place(
                            title: "\(title) \(p + 1)", occupationField: industry, tasks: DemoEmployers.tasks(for: title),
                            capacity: pick([(1, 80), (2, 15), (3, 5)]), periodStart: placeStart, periodEnd: placeEnd,
                            hoursPerWeek: pick([30, 40, 40]), languageRequirement: pick(Self.languageNeeds), remotePossible: chance(10),
                            regime: .external, unitCode: "", status: .open)
                        let facts = PlaceUsability.Facts(
                            status: .open, periodStart: placeStart, periodEnd: placeEnd, capacity: place.capacity, seatsTaken: 0,
                            employerIsActive: true, requiredChecks: standings)
                        guard PlaceUsability.answerForOpening(facts, on: today).isAllowed else {
                            throw Refusal(description: "A generated place could not be opened: \(name).")
                        }
                        placeRows.append([
                            UUID(), workplaceID, employerID, unitID, place.title, place.occupationField, place.tasks, place.capacity,
                            placeStart.description, placeEnd.description, place.hoursPerWeek, place.languageRequirement,
                            place.remotePossible, place.regime.rawValue, place.status.rawValue, place.naturalKey,
                            Place.searchText(title: place.title, field: industry), now, now,
                        ])
                        seats += place.capacity
                        made += 1
                    }
                }
                index += 1
            }
            try await BulkInsert.insert(
                into: Employer.schema,
                columns: [
                    "id", "name", "identifier", "country", "sector", "industry", "employees", "is_active", "search_text", "created_at",
                    "updated_at",
                ], rows: employers, on: sql)
            try await BulkInsert.insert(
                into: Workplace.schema,
                columns: [
                    "id", "employer_id", "name", "address", "postal_code", "city", "district", "p_number", "natural_key", "is_active",
                    "created_at", "updated_at",
                ], rows: workplaces, on: sql)
            try await BulkInsert.insert(
                into: Place.schema,
                columns: [
                    "id", "workplace_id", "employer_id", "unit_id", "title", "occupation_field", "tasks", "capacity", "period_start",
                    "period_end", "hours_per_week", "language_requirement", "remote_possible", "regime", "status", "natural_key",
                    "search_text", "created_at", "updated_at",
                ], rows: placeRows, on: sql)
            try await BulkInsert.insert(
                into: EmployerCheck.schema,
                columns: [
                    "id", "employer_id", "check_type_id", "result", "checked_on", "expires_on", "union_name", "note", "recorded_by",
                    "recorded_at",
                ], rows: checks, on: sql)
            return (seats, employers.count)
        }
    }
}
