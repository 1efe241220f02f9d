import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Runs an intake's rules on applications and records decisions by people. Every run and every
/// decision is a new entry in the application's history; the newest one sets its colour.
struct EligibilityService: Sendable {
    let database: any Database
    let clock: AppClock

    /// The rules, the intake's placement period and the application's answers, run and recorded.
    /// An application a person had decided goes back to the queue: its answers have changed.
    @discardableResult
    func evaluate(_ application: IntakeApplication, in intake: Intake) async throws -> EligibilityEvaluation {
        let ruleSet = try await RuleSetStore(database: database, clock: clock).load(intake.$ruleSet.id)
        let facts = try await facts(of: application, in: intake)
        let evaluation = ruleSet.evaluate(facts, in: try Self.context(of: intake))
        let assessment = try await append(
            to: application, colour: evaluation.colour, source: .rules, ruleSetID: intake.$ruleSet.id, fired: evaluation.fired,
            facts: facts, justification: nil, decidedBy: nil)
        for rule in evaluation.fired {
            let reason = AssessmentReason()
            reason.$assessment.id = try assessment.requireID()
            reason.$application.id = try application.requireID()
            reason.ruleCode = rule.code
            reason.colour = rule.colour.rawValue
            reason.outcome = rule.outcome.rawValue
            try await reason.create(on: database)
        }
        application.rulesColour = evaluation.colour.rawValue
        application.colour = evaluation.colour.rawValue
        application.rulesAssessmentID = assessment.id
        application.currentAssessmentID = assessment.id
        if let status = ApplicationStatus(rawValue: application.status), status == .eligible || status == .notEligible {
            application.status = ApplicationStatus.submitted.rawValue
            application.statusChangedAt = clock.now()
        }
        try await application.save(on: database)
        return evaluation
    }

    static func context(of intake: Intake) throws -> EligibilityContext {
        guard let start = CivilDate(iso8601: intake.placementStart), let end = CivilDate(iso8601: intake.placementEnd) else {
            throw AppError.unavailable
        }
        return EligibilityContext(placementStart: start, placementEnd: end)
    }

    /// The application's answers as the rules read them, with whether the person was placed through
    /// an earlier intake of the same programme.
    func facts(of application: IntakeApplication, in intake: Intake) async throws -> ApplicantFacts {
        let id = try application.requireID()
        let languages = try await ApplicationLanguage.query(on: database).filter(\.$application.$id == id).all()
        var spoken: [SpokenLanguage: LanguageLevel] = [:]
        for row in languages {
            if let language = SpokenLanguage(rawValue: row.language), let level = LanguageLevel(rawValue: row.level) {
                spoken[language] = level
            }
        }
        return ApplicantFacts(
            registeredAsJobSeeker: application.registeredAsJobSeeker,
            birthRegion: BirthRegion(rawValue: application.birthRegion) ?? .notStated,
            educationLevel: EducationLevel(rawValue: application.educationLevel) ?? .unknown,
            educationField: application.educationField.flatMap(EducationField.init(rawValue:)),
            educationYear: application.educationYear,
            upperSecondaryFullGrades: application.upperSecondaryFullGrades, languages: spoken,
            swedishWorkExperienceMonths: application.swedishWorkMonths,
            permit: application.permitKind.flatMap(PermitKind.init(rawValue:)),
            permitEndDate: application.permitEnd.flatMap(CivilDate.init(iso8601:)),
            placedBeforeInProgramme: try await placedBefore(participantID: application.$participant.id, intake: intake))
    }

    private func placedBefore(participantID: UUID, intake: Intake) async throws -> Bool {
        let sql = try database.sql
        struct Row: Decodable { let placed: Int }
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS placed FROM applications a JOIN intakes i ON i.id = a.intake_id
            WHERE a.participant_id = \(bind: participantID) AND i.programme_id = \(bind: intake.$programme.id)
              AND a.intake_id <> \(bind: try intake.requireID())
              AND (a.status = \(bind: ApplicationStatus.placed.rawValue) OR a.placement_decided_at IS NOT NULL)
            """
        ).first(decoding: Row.self)
        return (row?.placed ?? 0) > 0
    }

    /// Appends an entry to the history and returns it.
    func append(
        to application: IntakeApplication, colour: EligibilityColour, source: EligibilityAssessment.Source, ruleSetID: UUID,
        fired: [FiredRule], facts: ApplicantFacts, justification: String?, decidedBy: UUID?, sequence: Int? = nil
    ) async throws -> EligibilityAssessment {
        let id = try application.requireID()
        let entry = EligibilityAssessment()
        entry.$application.id = id
        entry.$participant.id = application.$participant.id
        if let sequence {
            entry.sequence = sequence
        } else {
            entry.sequence = try await EligibilityAssessment.query(on: database).filter(\.$application.$id == id).count() + 1
        }
        entry.colour = colour.rawValue
        entry.source = source.rawValue
        entry.$ruleSet.id = ruleSetID
        entry.fired = String(decoding: try RuleSetStore.encoder.encode(fired), as: UTF8.self)
        entry.facts = String(decoding: try RuleSetStore.encoder.encode(facts), as: UTF8.self)
        entry.justification = justification
        entry.decidedBy = decidedBy
        entry.createdAt = clock.now()
        try await entry.create(on: database)
        return entry
    }

    /// The rules that fired in the newest run of the rules, in rule-set order.
    func firedRules(of application: IntakeApplication) async throws -> [FiredRule] {
        guard let id = application.rulesAssessmentID, let entry = try await EligibilityAssessment.find(id, on: database) else { return [] }
        return try JSONDecoder().decode([FiredRule].self, from: Data(entry.fired.utf8))
    }
}
