import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The comparison of placed and not placed applicants on the demo's closed intake (Jobbsprånget
/// 2023, placements 4 September 2023 – 3 January 2024, long past its 3-month horizon). The intake's
/// placed applicants get their placements through the history import, with outcomes at the same
/// rates as the other demo placements; its eligible applicants who were not placed get the
/// register's 3-month statuses through the applicant outcome import, fewer of them in work or
/// studies. The intake in matching (`DemoSelection`) has not placed anyone yet, so it has no rows.
enum DemoComparison {
    static let intakeName = "Jobbsprånget 2023"

    static func load(on db: any Database, clock: AppClock, today: CivilDate) async throws {
        guard let intake = try await Intake.query(on: db).filter(\.$name == intakeName).first(),
            let first = CivilDate(iso8601: intake.placementStart), let last = CivilDate(iso8601: intake.placementEnd)
        else { return }
        let intakeID = try intake.requireID()
        let sql = try db.sql
        let placed = try await sql.raw(
            """
            SELECT p.id, p.person_identifier, p.gender, p.birth_year, p.birth_region, p.benefit_type, u.name AS unit_name,
              u.code AS unit_code
            FROM applications a JOIN participants p ON p.id = a.participant_id JOIN units u ON u.id = p.unit_id
            WHERE a.intake_id = \(bind: intakeID) AND \(ApplicantOutcomeImporter.placed) AND p.person_identifier IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.participant_id = p.id)
            ORDER BY p.person_identifier
            """
        ).all(decoding: DemoPlacements.Person.self)
        let employers = try await sql.raw(
            """
            SELECT identifier, name, country, sector FROM employers
            WHERE is_active = \(bind: true) AND country = 'SE' ORDER BY identifier
            """
        ).all(decoding: DemoPlacements.Employer.self)
        guard !employers.isEmpty else { return }

        var generator = SeededGenerator(seed: 1_400)
        func roll(_ percent: Int) -> Bool { Int(generator.next() % 100) < percent }
        func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
        var rows: [DemoPlacements.Row] = []
        for person in placed {
            let start = first.adding(days: number(0...13)) ?? first
            let endedEarly = roll(12)
            let end = endedEarly ? start.adding(days: start.daysThrough(last) / 2) ?? last : last
            let employer = employers[Int(Double(employers.count) * pow(Double(number(0...999)) / 1000, 1.8))]
            rows.append(
                DemoPlacements.row(
                    person: person, employer: employer, danish: false, start: start, end: end, endedEarly: endedEarly, today: today,
                    roll: roll, number: number))
        }
        if !rows.isEmpty {
            let (plan, outcome) = try await HistoryImporter(database: db, clock: clock).store(
                DemoPlacements.historyFile(rows), by: .system("demo"))
            guard outcome != nil else {
                throw DemoDataProblem(message: "demo comparison placements refused: \(plan.problems.prefix(5))")
            }
            try await DemoPlacements.answerEndForms(on: db, rows: rows, now: clock.now(), generator: &generator)
        }

        // The register's statuses of the eligible applicants who were not placed; about one in ten
        // is not found there.
        struct Applicant: Decodable {
            let person_identifier: String
            let gender: String
        }
        let others = try await sql.raw(
            """
            SELECT p.person_identifier, a.gender FROM applications a JOIN participants p ON p.id = a.participant_id
            WHERE a.intake_id = \(bind: intakeID) AND \(ApplicantOutcomeImporter.eligible) AND NOT \(ApplicantOutcomeImporter.placed)
              AND p.person_identifier IS NOT NULL
            ORDER BY p.person_identifier
            """
        ).all(decoding: Applicant.self)
        func pick(_ weighted: [(OutcomeStatus, Int)]) -> OutcomeStatus {
            var left = number(0...(weighted.reduce(0) { $0 + $1.1 } - 1))
            for (value, weight) in weighted {
                if left < weight { return value }
                left -= weight
            }
            return weighted[weighted.count - 1].0
        }
        var lines = ["person_number,status"]
        for applicant in others where roll(90) {
            guard let number = (try? PersonIdentifier(storageValue: applicant.person_identifier))?.formatted else { continue }
            let woman = applicant.gender == Gender.woman.rawValue
            let status = pick([
                (.work, woman ? 14 : 18), (.studies, 6), (.subsidisedWork, 4), (.otherProgramme, 14), (.referredBack, 12),
                (.jobSeeking, 40), (.unknown, 6),
            ])
            lines.append("\(number),\(status.rawValue)")
        }
        guard lines.count > 1 else { return }
        let (plan, outcome) = try await ApplicantOutcomeImporter(database: db, clock: clock).store(
            lines.joined(separator: "\n") + "\n", intakeID: intakeID, sourceName: "Arbetsförmedlingen (demo)", by: .system("demo"))
        guard outcome != nil else {
            let problems = plan.problems.prefix(5).map { "\($0.line) \($0.code)" }
            throw DemoDataProblem(message: "demo register statuses refused: \(plan.fileProblem ?? "") \(problems)")
        }
    }
}
