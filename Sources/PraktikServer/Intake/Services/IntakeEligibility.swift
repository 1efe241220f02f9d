import Fluent
import Foundation
import PraktikCore

/// The one question other capabilities ask about screening: "is this person's eligibility for
/// intake X green or cleared?" The placement decision (issue 13) and the selection (issue 12) ask
/// here and never read the colour columns themselves.
struct IntakeEligibility: Sendable {
    let database: any Database

    enum Answer: String, Sendable, Equatable {
        /// The rules found nothing and no person decided otherwise.
        case green
        /// A person decided the application eligible (an orange or red cleared by hand, or a green confirmed).
        case cleared
        case orange
        case red
        case withdrawn
        case noApplication = "no_application"

        var isGreenOrCleared: Bool { self == .green || self == .cleared }
    }

    func answer(participantID: UUID, intakeID: UUID) async throws -> Answer {
        guard
            let application = try await IntakeApplication.query(on: database).filter(\.$participant.$id == participantID)
                .filter(\.$intake.$id == intakeID).first()
        else { return .noApplication }
        if application.status == ApplicationStatus.withdrawn.rawValue { return .withdrawn }
        switch EligibilityColour(rawValue: application.colour) {
        case .green?:
            if let current = application.currentAssessmentID, let entry = try await EligibilityAssessment.find(current, on: database),
                entry.source == EligibilityAssessment.Source.decision.rawValue
            {
                return .cleared
            }
            return .green
        case .orange?: return .orange
        case .red?, nil: return .red
        }
    }

    func isGreenOrCleared(participantID: UUID, intakeID: UUID) async throws -> Bool {
        try await answer(participantID: participantID, intakeID: intakeID).isGreenOrCleared
    }
}

/// The steps after screening, recorded on the application by the capabilities that take them, so
/// the funnel counts them: the selection offers a place, the placement decision decides it.
struct ApplicationOutcomes: Sendable {
    let database: any Database
    let clock: AppClock

    /// An eligible applicant was offered a place.
    func recordOffer(participantID: UUID, intakeID: UUID, actor: AuditLog.Actor) async throws {
        try await move(participantID: participantID, intakeID: intakeID, to: .offered, actor: actor) { $0.offeredAt = clock.now() }
    }

    /// The authority decided the placement.
    func recordPlacementDecision(participantID: UUID, intakeID: UUID, actor: AuditLog.Actor) async throws {
        try await move(participantID: participantID, intakeID: intakeID, to: .placed, actor: actor) { $0.placementDecidedAt = clock.now() }
    }

    private func move(
        participantID: UUID, intakeID: UUID, to target: ApplicationStatus, actor: AuditLog.Actor,
        _ stamp: @escaping @Sendable (IntakeApplication) -> Void
    ) async throws {
        guard
            let application = try await IntakeApplication.query(on: database).filter(\.$participant.$id == participantID)
                .filter(\.$intake.$id == intakeID).first(), let status = ApplicationStatus(rawValue: application.status)
        else { throw AppError.notFound }
        do { try status.checkTransition(to: target, by: .staff) } catch { throw AppError.conflict(messageKey: error.code) }
        try await database.writingTransaction { db in
            application.status = target.rawValue
            application.statusChangedAt = clock.now()
            stamp(application)
            try await application.save(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: application.id, detail: "status=\(target.rawValue)")
        }
    }
}
