import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Years of finished placements at Stockholm's scale (seed 000: about 2,600 a year) and a smaller
/// Copenhagen share, so that reports show real shapes: purposes, regimes, "did it lead to a job
/// here?", outcomes at exit roughly as seed 001 (a quarter to work or studies, a third referred back),
/// 3-month outcomes, benefits paid during the placement, and end-of-placement follow-up answers.
///
/// The placements go through the history import (`HistoryImporter`), the same path an installation
/// uses for its past, so the demo cannot hold a placement the import would refuse. They use the
/// demo's own people (with names, so pages show persons, not numbers) who have no placement yet,
/// one placement at a time per person.
enum DemoPlacements {
    static let swedishPerYear = 2_600
    static let danishPerYear = 300
    /// Placements start from 1 January this many years back.
    static let years = 3
    /// Share of placements with an answered end form, per respondent.
    static let participantAnswerPercent = 72
    static let supervisorAnswerPercent = 61

    struct Person: Decodable {
        let id: UUID
        let person_identifier: String
        let gender: String
        let birth_year: Int
        let birth_region: String
        let benefit_type: String
        let unit_name: String
        let unit_code: String
    }

    struct Employer: Decodable {
        let identifier: String
        let name: String
        let country: String
        let sector: String
    }

    /// Loads the placements in the caller's transaction (`db`); returns what the import stored.
    static func load(on db: any Database, clock: AppClock, today: CivilDate) async throws -> HistoryImporter.Outcome {
        let sql = try db.sql
        let people = try await sql.raw(
            """
            SELECT p.id, p.person_identifier, p.gender, p.birth_year, p.birth_region, p.benefit_type, u.name AS unit_name,
              u.code AS unit_code
            FROM participants p JOIN units u ON u.id = p.unit_id
            WHERE p.person_identifier IS NOT NULL AND (u.code LIKE 'JT-%' OR u.code = 'JC-KBH')
              AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.participant_id = p.id)
            ORDER BY p.person_identifier
            """
        ).all(decoding: Person.self)
        let employers = try await sql.raw(
            "SELECT identifier, name, country, sector FROM employers WHERE is_active = \(bind: true) ORDER BY identifier"
        ).all(decoding: Employer.self)

        var generator = SeededGenerator(seed: 1_300)
        let rows = historyRows(people: people, employers: employers, today: today, generator: &generator)
        let importer = HistoryImporter(database: db, clock: clock)
        let (plan, outcome) = try await importer.store(historyFile(rows), by: .system("demo"))
        guard let outcome else {
            throw DemoDataProblem(message: "demo placements refused by the history import: \(plan.problems.prefix(5))")
        }
        try await answerEndForms(on: db, rows: rows, now: clock.now(), generator: &generator)
        return outcome
    }

    /// One placement as the demo plans it; `hired` and the outcomes also drive the end forms.
    struct Row {
        let person: Person
        let employer: Employer
        let regime: PlaceRegime?
        let purpose: String
        let start: CivilDate
        let end: CivilDate
        let endedEarly: Bool
        let hired: Bool?
        let atExit: OutcomeStatus?
        let threeMonths: OutcomeStatus?
        let paidMinor: Int64?
    }

    static func historyRows(people: [Person], employers: [Employer], today: CivilDate, generator: inout SeededGenerator) -> [Row] {
        func roll(_ percent: Int) -> Bool { Int(generator.next() % 100) < percent }
        func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
        func pick<T>(_ weighted: [(T, Int)]) -> T {
            let total = weighted.reduce(0) { $0 + $1.1 }
            var left = Int(generator.next() % UInt64(max(total, 1)))
            for (value, weight) in weighted {
                if left < weight { return value }
                left -= weight
            }
            return weighted[weighted.count - 1].0
        }

        guard let first = CivilDate(year: today.year - years, month: 1, day: 1) else { return [] }
        let days = first.daysThrough(today)
        var rows: [Row] = []
        for danish in [false, true] {
            let pool = people.filter { ($0.unit_code == "JC-KBH") == danish }
            let hosts = employers.filter { ($0.country == "DK") == danish }
            guard !pool.isEmpty, !hosts.isEmpty else { continue }
            // Every calendar year gets its share; the current year only up to today.
            let count = (danish ? danishPerYear : swedishPerYear) * days / 365
            var starts = (0..<count).compactMap { _ in first.adding(days: number(0...(days - 1))) }
            starts.sort()
            var freeFrom: [UUID: CivilDate] = [:]
            for start in starts {
                // A few tries to find someone free that day: one placement at a time per person.
                var chosen: Person?
                for _ in 0..<12 {
                    let candidate = pool[number(0...(pool.count - 1))]
                    if (freeFrom[candidate.id] ?? first) <= start {
                        chosen = candidate
                        break
                    }
                }
                guard let person = chosen else { continue }
                let end: CivilDate? =
                    danish
                    ? start.adding(days: pick([(4, 40), (8, 30), (13, 30)]) * 7 - 1)
                    : start.adding(months: pick([(1, 10), (2, 20), (3, 40), (4, 20), (6, 10)]))?.adding(days: -1)
                // Some placements end early; the history keeps the real last day.
                let endedEarly = roll(15)
                guard let plannedEnd = end, let actualEnd = endedEarly ? start.adding(days: start.daysThrough(plannedEnd) / 2) : plannedEnd,
                    actualEnd < today
                else { continue }
                freeFrom[person.id] = actualEnd.adding(days: number(20...120))
                // Larger shares for the first employers of the list: some take many interns, most a few.
                let skewed = Int(Double(hosts.count) * pow(Double(number(0...999)) / 1000, 1.8))
                let employer = hosts[min(skewed, hosts.count - 1)]
                rows.append(
                    row(
                        person: person, employer: employer, danish: danish, start: start, end: actualEnd, endedEarly: endedEarly,
                        today: today,
                        roll: roll, number: number)
                )
            }
        }
        return rows.sorted { ($0.start, $0.person.person_identifier) < ($1.start, $1.person.person_identifier) }
    }

    static func row(
        person: Person, employer: Employer, danish: Bool, start: CivilDate, end: CivilDate, endedEarly: Bool, today: CivilDate,
        roll: (Int) -> Bool,
        number: (ClosedRange<Int>) -> Int
    ) -> Row {
        func pick<T>(_ weighted: [(T, Int)]) -> T {
            var left = number(0...(weighted.reduce(0) { $0 + $1.1 } - 1))
            for (value, weight) in weighted {
                if left < weight { return value }
                left -= weight
            }
            return weighted[weighted.count - 1].0
        }
        let woman = person.gender == Gender.woman.rawValue
        let regime: PlaceRegime? =
            danish
            ? (roll(90) ? .external : .inHouse)
            : employer.sector == EmployerSector.public.rawValue && roll(55) ? .inHouse : roll(10) ? .procured : .external
        let purpose =
            danish
            ? pick([("jobpraktik", 45), ("udviklingspraktik", 30), ("kompetencepraktik", 25)])
            : pick([("language_practice", 35), ("work_training", 30), ("toward_employment", 35)])
        let towardJob = purpose == "toward_employment" || purpose == "jobpraktik"
        let hired: Bool? =
            roll(OutcomeDistribution.hiredUnknownPercent) ? nil : roll(OutcomeDistribution.hiredPercent(towardJob: towardJob, woman: woman))
        let atExit: OutcomeStatus? =
            roll(OutcomeDistribution.atExitUnknownPercent) ? nil : pick(OutcomeDistribution.atExit(hired: hired == true, woman: woman))
        // The units differ a little, as seed 003's table of job centres does.
        let unitBonus = person.unit_code.hasSuffix("CITY") ? 5 : person.unit_code.hasSuffix("JARVA") ? -4 : 0
        var threeMonths: OutcomeStatus?
        if OutcomeHorizon.threeMonths.firstDay(afterExit: end) <= today, roll(OutcomeDistribution.threeMonthsRecordedPercent) {
            threeMonths = pick(OutcomeDistribution.threeMonths(hired: hired == true, woman: woman, workBonus: unitBonus))
        }
        let monthly: ClosedRange<Int>? =
            switch BenefitType(rawValue: person.benefit_type) ?? BenefitType.none {
            case .forsorjningsstod: 9_000...13_000
            case .aktivitetsstod: 7_000...11_000
            case .kontanthjaelpJobReady, .kontanthjaelpActivityReady: 11_000...13_500
            case .dagpenge: 17_000...19_700
            case .none: nil
            }
        let paidMinor = monthly.flatMap { range -> Int64? in
            roll(5) ? nil : Int64(Double(number(range) * 100) * Double(start.daysThrough(end)) / 30.44)
        }
        return Row(
            person: person, employer: employer, regime: regime, purpose: purpose, start: start, end: end, endedEarly: endedEarly,
            hired: hired,
            atExit: atExit,
            threeMonths: threeMonths, paidMinor: paidMinor)
    }

    /// The rows in the history file's format, with the stored forms of person and employer numbers.
    static func historyFile(_ rows: [Row]) -> String {
        let writer = CSVWriter()
        var lines = [writer.line(HistoryColumn.allCases.map(\.rawValue))]
        lines.reserveCapacity(rows.count + 1)
        for row in rows {
            let cells: [HistoryColumn: String] = [
                .personNumber: row.person.person_identifier, .gender: row.person.gender,
                .birthYear: String(birthYear(of: row.person)), .birthRegion: row.person.birth_region,
                .benefitType: row.person.benefit_type, .unit: row.person.unit_name, .organisationNumber: row.employer.identifier,
                .employerName: row.employer.name, .regime: row.regime?.rawValue ?? "", .purpose: row.purpose,
                .startDate: row.start.description, .endDate: row.end.description,
                .hiredByHost: row.hired.map { $0 ? "yes" : "no" } ?? "", .outcomeAtExit: row.atExit?.rawValue ?? "",
                .outcome3Months: row.threeMonths?.rawValue ?? "",
                .benefitPaid: row.paidMinor.map { String(format: "%lld.%02lld", $0 / 100, $0 % 100) } ?? "",
            ]
            lines.append(writer.line(HistoryColumn.allCases.map { cells[$0] ?? "" }))
        }
        return lines.joined()
    }

    /// The person number's birth year where it tells one (the import checks the two agree).
    private static func birthYear(of person: Person) -> Int {
        (try? PersonIdentifier(storageValue: person.person_identifier))?.birthDate?.year ?? person.birth_year
    }

    /// End forms answered by the participant and the supervisor, at the rates the demo claims, with
    /// "was a job offered?" agreeing with the placement's `hired_by_host`.
    static func answerEndForms(on db: any Database, rows: [Row], now: Date, generator: inout SeededGenerator) async throws {
        let sql = try db.sql
        struct Version: Decodable {
            let id: UUID
            let respondent: String
        }
        let versions = try await sql.raw(
            """
            SELECT v.id, t.respondent FROM follow_up_templates t
            JOIN follow_up_template_versions v ON v.template_id = t.id AND v.version = t.current_version
            WHERE t.stage = \(bind: FollowUpStage.end.rawValue)
            """
        ).all(decoding: Version.self)
        struct Stored: Decodable {
            let id: UUID
            let participant_id: UUID
            let planned_start: String
        }
        let placements = try await sql.raw(
            "SELECT id, participant_id, planned_start FROM placements WHERE origin = \(bind: PlacementOrigin.history.rawValue)"
        ).all(decoding: Stored.self)
        var placementIDs: [String: UUID] = [:]
        for placement in placements { placementIDs["\(placement.participant_id)|\(placement.planned_start)"] = placement.id }

        func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
        var forms: [[any Encodable & Sendable]] = []
        var answers: [[any Encodable & Sendable]] = []
        for row in rows {
            guard let placementID = placementIDs["\(row.person.id)|\(row.start.description)"] else { continue }
            let language = row.person.unit_code == "JC-KBH" ? "da" : "sv"
            let offered: String =
                row.hired == true ? ["permanent", "fixed_term", "hourly", "subsidised"][number(0...3)] : "none"
            for (respondent, percent) in [
                (FollowUpRespondent.participant, participantAnswerPercent), (.supervisor, supervisorAnswerPercent),
            ] {
                guard let version = versions.first(where: { $0.respondent == respondent.rawValue }), number(0...99) < percent else {
                    continue
                }
                let formID = UUID()
                let answeredDay = row.end.adding(days: number(0...12)) ?? row.end
                let answeredAt = answeredDay.moment(atHour: 10) ?? now
                forms.append([
                    formID, placementID, row.person.id, version.id, FollowUpStage.end.rawValue, respondent.rawValue, row.end.description,
                    language, answeredAt, row.end.adding(days: 30)?.description, 0, answeredAt, "link", false, answeredAt,
                ])
                let completed = !row.endedEarly && number(0...99) < 95
                // Ratings lean higher when the placement led somewhere.
                let lift = row.hired == true ? 1 : 0
                var given: [(String, FollowUpQuestionKind, FollowUpMeaning?, String, Int?)] = [
                    ("completed", .yesNo, .completed, completed ? "yes" : "no", completed ? 1 : 0),
                    ("employment_offered", .singleChoice, .employmentOffered, row.hired == nil ? "none" : offered, nil),
                ]
                let learned = min(5, number(2...5) + lift)
                given.append(("learned", .scale, .learnedAgainstPurpose, String(learned), learned))
                if respondent == .participant {
                    let overall = min(5, number(2...5) + lift)
                    given.append(("overall", .scale, .overallRating, String(overall), overall))
                } else {
                    let again = number(0...99) < 80
                    given.append(("again", .yesNo, nil, again ? "yes" : "no", again ? 1 : 0))
                }
                for (key, kind, meaning, value, numeric) in given {
                    answers.append([UUID(), formID, row.person.id, key, kind.rawValue, meaning?.rawValue, value, numeric])
                }
            }
        }
        try await BulkInsert.insert(
            into: FollowUp.schema,
            columns: [
                "id", "placement_id", "participant_id", "template_version_id", "stage", "respondent", "due_on", "language", "sent_at",
                "expires_on", "reminders_sent", "answered_at", "answered_via", "on_behalf", "created_at",
            ],
            rows: forms, on: sql)
        try await BulkInsert.insert(
            into: FollowUpAnswerRecord.schema,
            columns: ["id", "follow_up_id", "participant_id", "question_key", "question_kind", "meaning", "value", "number"],
            rows: answers, on: sql)
    }
}

/// The demo's data could not be loaded as planned: a bug in the demo, told at start-up.
struct DemoDataProblem: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
