import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Decisions by a case worker on one application or many at once. The labour-market assessment
/// of seed 004 is always a person's: a decision overrides the rules' colour, needs a justification,
/// is kept in the history and audited, and the applicant is told.
struct ScreeningDecisions: Sendable {
    let database: any Database
    let clock: AppClock
    let messages: ApplicantMessages
    let actor: AuditLog.Actor

    struct Summary: Sendable, Equatable {
        var decided: Int
        /// Applications whose status does not allow the decision (withdrawn, placed, already decided so).
        var skipped: Int
    }

    /// Decides `applicationIDs` of `intake` as `colour` (green: eligible, red: not eligible).
    func decide(_ applicationIDs: [UUID], in intake: Intake, as colour: EligibilityColour, justification: String) async throws -> Summary {
        guard let target = ApplicationStatus.decisions[colour] else { throw FormErrors(fields: ["colour": "apply.error.choose"]) }
        var errors = FormErrors()
        let justification = errors.text("justification", justification, .text)
        if justification.isEmpty { errors.add("justification", "screening.justification.required") }
        try errors.throwIfAny()
        let intakeID = try intake.requireID()
        return try await database.writingTransaction { db in
            var summary = Summary(decided: 0, skipped: 0)
            let eligibility = EligibilityService(database: db, clock: clock)
            let messages = ApplicantMessages(database: db, clock: clock, translations: messages.translations, publicURL: messages.publicURL)
            var decidedIDs: [UUID] = []
            for chunk in stride(from: 0, to: applicationIDs.count, by: 500).map({
                Array(applicationIDs[$0..<min($0 + 500, applicationIDs.count)])
            }) {
                let applications = try await IntakeApplication.query(on: db).filter(\.$intake.$id == intakeID).filter(\.$id ~~ chunk).all()
                summary.skipped += chunk.count - applications.count
                let rulesEntries = try await EligibilityAssessment.query(on: db)
                    .filter(\.$id ~~ applications.compactMap(\.rulesAssessmentID)).all()
                let rulesByID = Dictionary(
                    rulesEntries.compactMap { entry in entry.id.map { ($0, entry) } }, uniquingKeysWith: { first, _ in first })
                let sequences = try await Self.lastSequences(of: applications.compactMap(\.id), on: db)
                var decidedInChunk: [UUID] = []
                for application in applications {
                    guard let status = ApplicationStatus(rawValue: application.status),
                        (try? status.checkTransition(to: target, by: .staff)) != nil
                    else {
                        summary.skipped += 1
                        continue
                    }
                    let applicationID = try application.requireID()
                    let rules = application.rulesAssessmentID.flatMap { rulesByID[$0] }
                    let entry = try await eligibility.append(
                        to: application, colour: colour, source: .decision, ruleSetID: rules?.$ruleSet.id ?? intake.$ruleSet.id,
                        fired: try rules.map { try JSONDecoder().decode([FiredRule].self, from: Data($0.fired.utf8)) } ?? [],
                        facts: try await decisionFacts(rules, application, intake, eligibility),
                        justification: justification, decidedBy: actor.userID, sequence: (sequences[applicationID] ?? 0) + 1)
                    application.status = target.rawValue
                    application.colour = colour.rawValue
                    application.currentAssessmentID = entry.id
                    application.statusChangedAt = clock.now()
                    if application.firstDecidedAt == nil { application.firstDecidedAt = clock.now() }
                    try await application.save(on: db)
                    try await messages.send(target == .eligible ? .eligible : .notEligible, about: application, intakeName: intake.name)
                    decidedInChunk.append(applicationID)
                    summary.decided += 1
                }
                try await CompletionRequests(database: db, clock: clock).closeOpen(of: decidedInChunk)
                decidedIDs += decidedInChunk
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordIDs: decidedIDs, detail: "decision=\(colour.rawValue)")
            return summary
        }
    }

    /// The answers a decision was made on: those of the rules run it decides, or the current ones.
    private func decisionFacts(
        _ rules: EligibilityAssessment?, _ application: IntakeApplication, _ intake: Intake, _ eligibility: EligibilityService
    ) async throws -> ApplicantFacts {
        if let rules { return try JSONDecoder().decode(ApplicantFacts.self, from: Data(rules.facts.utf8)) }
        return try await eligibility.facts(of: application, in: intake)
    }

    /// The highest sequence number in each application's history.
    static func lastSequences(of ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let sql = try db.sql
        struct Row: Decodable {
            let application_id: UUID
            let last: Int
        }
        let rows = try await sql.select().column("application_id").column(SQLFunction("MAX", args: SQLColumn("sequence")), as: "last")
            .from(EligibilityAssessment.schema).where("application_id", .in, SQLBind.group(ids)).groupBy("application_id")
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.application_id, $0.last) }, uniquingKeysWith: max)
    }
}
