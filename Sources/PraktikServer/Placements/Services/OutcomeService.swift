import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Outcomes of placements: the outcome at exit, recorded when the placement ends, and the
/// checkpoints 3, 6 and 12 months after the end. Checkpoints exist only while the person's post-exit
/// consent is active (seed 002): they are scheduled when the placement ends or the consent is given,
/// and cancelled, with their links and jobs, the moment it is withdrawn.
struct OutcomeService: Sendable {
    let database: any Database
    let clock: AppClock
    let translations: Translations
    let publicURL: String

    enum Refusal: Error, Sendable, Equatable {
        case checkpoint(OutcomeCheckpoints.Refusal)
        case record(ParticipantRecordPolicy.Refusal)
        case register(RegisterOutcomeRule.Refusal)

        var messageKey: String {
            switch self {
            case .checkpoint(let refusal): refusal.code
            case .record(let refusal): refusal.messageKey
            case .register(let refusal): refusal.code
            }
        }
    }

    /// A checkpoint's link holds two months past its due day.
    static let linkDays = 60

    func outcomes(of placementID: UUID) async throws -> [PlacementOutcome] {
        try await PlacementOutcome.query(on: database).filter(\.$placement.$id == placementID).all()
            .sorted {
                (OutcomeHorizon.allCases.firstIndex(of: $0.outcomeHorizon) ?? 0)
                    < (OutcomeHorizon.allCases.firstIndex(of: $1.outcomeHorizon) ?? 0)
            }
    }

    /// Sends the participant a link to answer a checkpoint that fell due. Nothing without consent
    /// or an address: the case worker then sees it on the worklist.
    @discardableResult
    func sendCheckpoint(_ row: PlacementOutcome) async throws -> Bool {
        guard row.outcomeState == .scheduled, row.outcomeHorizon != .atExit,
            try await ConsentService(database: database, clock: clock).isActive(.postExitFollowUp, for: row.participantID),
            let participant = try await Participant.find(row.participantID, on: database), participant.erasedAt == nil,
            let email = participant.email, !email.isEmpty, let placement = try await Placement.find(row.$placement.id, on: database),
            let due = CivilDate(iso8601: row.dueOn)
        else { return false }
        let expiry = max(due, try clock.today()).adding(days: Self.linkDays) ?? due
        try await database.writingTransaction { db in
            let token = try await PlacementLinks(database: db, clock: clock).issue(
                .checkpoint, subject: try row.requireID(), placementID: try placement.requireID(), expiresOn: expiry)
            try await PlacementMail(database: db, clock: clock, translations: translations).send(
                to: email, subjectKey: "checkpoint.mail.subject", bodyKey: "checkpoint.mail.body",
                arguments: [
                    participant.firstName ?? "", PlacementLinks.url(.checkpointLink(token), publicURL: publicURL), expiry.description,
                ],
                language: placement.participantLanguage(participant), participantID: participant.id)
        }
        return true
    }

    struct Answer: Sendable {
        var status: OutcomeStatus
        var employerIsHost: Bool?
        var employmentKind: EmploymentKind?
        var source: OutcomeSource
        var sourceName: String?
    }

    /// Records the outcome at exit: while the participant's record may still be written to (the
    /// participant is enrolled), by a case worker, once the placement has ended.
    func recordAtExit(_ answer: Answer, for placement: Placement, by actor: AuditLog.Actor) async throws {
        guard placement.placementStatus.hasRun else { throw Refusal.checkpoint(.placementNotEnded) }
        guard let participant = try await Participant.find(placement.$participant.id, on: database) else { throw AppError.notFound }
        let consent = try await ConsentService(database: database, clock: clock).isActive(.postExitFollowUp, for: participant.requireID())
        if let refusal = ParticipantRecordPolicy.refusal(
            of: .recordOutcomeAtExit, status: ParticipantStatus(rawValue: participant.status) ?? .exited,
            isErased: participant.erasedAt != nil, postExitConsentActive: consent)
        {
            throw Refusal.record(refusal)
        }
        try await CheckpointScheduler(database: database, clock: clock).placementEnded(placement)
        guard
            let row = try await PlacementOutcome.query(on: database).filter(\.$placement.$id == placement.requireID())
                .filter(\.$horizon == OutcomeHorizon.atExit.rawValue).first()
        else { throw AppError.notFound }
        try await write(answer, to: row, placement: placement, by: actor)
    }

    /// Records a checkpoint's answer from any source. Refused without consent (a register may
    /// write for an enrolled person: the public task), before the due day, or twice.
    func recordCheckpoint(_ answer: Answer, for row: PlacementOutcome, by actor: AuditLog.Actor) async throws {
        guard row.outcomeHorizon != .atExit, let placement = try await Placement.find(row.$placement.id, on: database),
            let participant = try await Participant.find(row.participantID, on: database), let due = CivilDate(iso8601: row.dueOn)
        else { throw AppError.notFound }
        if participant.erasedAt != nil { throw Refusal.record(.erased) }
        var consent = try await ConsentService(database: database, clock: clock).isActive(.postExitFollowUp, for: row.participantID)
        if answer.source == .register {
            if let refusal = RegisterOutcomeRule.refusal(
                participantStatus: ParticipantStatus(rawValue: participant.status) ?? .exited, isErased: false,
                postExitConsentActive: consent)
            {
                throw Refusal.register(refusal)
            }
            consent = true
        }
        if let refusal = OutcomeCheckpoints.refusal(
            due: due, today: try clock.today(), consentActive: consent,
            isCancelled: row.outcomeState == .cancelled && answer.source != .register, isAnswered: row.outcomeState == .answered,
            placementHasRun: placement.placementStatus.hasRun)
        {
            throw Refusal.checkpoint(refusal)
        }
        try await write(answer, to: row, placement: placement, by: actor)
    }

    /// Writes the answer with one conditional UPDATE: answering twice (two links, a double click)
    /// finds the checkpoint answered and changes nothing.
    private func write(_ answer: Answer, to row: PlacementOutcome, placement: Placement, by actor: AuditLog.Actor) async throws {
        let rowID = try row.requireID()
        let placementID = try placement.requireID()
        try await database.writingTransaction { db in
            struct Claimed: Decodable { let id: UUID }
            let claimed = try await db.sql.raw(
                """
                UPDATE placement_outcomes SET state = \(bind: PlacementOutcome.State.answered.rawValue), status = \(bind: answer.status.rawValue),
                  employer_is_host = \(bind: answer.employerIsHost), employment_kind = \(bind: answer.employmentKind?.rawValue),
                  source = \(bind: answer.source.rawValue), source_name = \(bind: answer.sourceName), recorded_at = \(bind: clock.now()),
                  recorded_by = \(bind: actor.userID), cancelled_at = NULL
                WHERE id = \(bind: rowID) AND state <> \(bind: PlacementOutcome.State.answered.rawValue)
                RETURNING id
                """
            ).all(decoding: Claimed.self)
            guard !claimed.isEmpty else { throw Refusal.checkpoint(.alreadyAnswered) }
            if row.outcomeHorizon == .atExit, let isHost = answer.employerIsHost,
                answer.status == .work || answer.status == .subsidisedWork
            {
                // The case worker's word on a job at the host counts until the employer says otherwise.
                try await db.sql.raw(
                    "UPDATE placements SET hired_by_host = \(bind: isHost) WHERE id = \(bind: placementID) AND hired_by_host IS NULL"
                ).run()
            }
            try await JobQueue(database: db, clock: clock).cancel(
                CheckpointDueJob.self, key: CheckpointScheduler.jobKey(participantID: row.participantID, outcomeID: rowID))
            try await PlacementHistory(database: db, clock: clock).record(
                .outcome, placement: placement, reason: answer.status.rawValue, note: row.horizon + " " + answer.source.rawValue, by: actor)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .participant, recordID: row.participantID,
                detail: "placement outcome \(row.horizon)=\(answer.status.rawValue) source=\(answer.source.rawValue)")
        }
        row.state = PlacementOutcome.State.answered.rawValue
        row.status = answer.status.rawValue
    }
}

/// Keeps a person's outcome checkpoints in step with their placements and their post-exit consent.
struct CheckpointScheduler: Sendable {
    let database: any Database
    let clock: AppClock

    static func jobKeyPrefix(participantID: UUID) -> String { "participant:\(participantID.uuidString):checkpoint:" }
    static func jobKey(participantID: UUID, outcomeID: UUID) -> String { jobKeyPrefix(participantID: participantID) + outcomeID.uuidString }

    /// A placement just ended: the outcome at exit is due now; checkpoints follow with consent.
    func placementEnded(_ placement: Placement) async throws {
        guard let end = placement.endDate else { return }
        let placementID = try placement.requireID()
        if try await PlacementOutcome.query(on: database).filter(\.$placement.$id == placementID).filter(
            \.$horizon == OutcomeHorizon.atExit.rawValue
        )
        .count() == 0 {
            let row = newRow(placement, horizon: .atExit, due: end)
            try await row.create(on: database)
        }
        try await scheduleCheckpoints(for: placement)
    }

    /// Schedules the checkpoints a placement lacks, if the person's post-exit consent is active. A
    /// checkpoint cancelled by an earlier withdrawal is scheduled again when consent is given again.
    func scheduleCheckpoints(for placement: Placement) async throws {
        guard placement.placementStatus.hasRun, let end = placement.endDate else { return }
        let participantID = placement.$participant.id
        guard try await ConsentService(database: database, clock: clock).isActive(.postExitFollowUp, for: participantID) else { return }
        let placementID = try placement.requireID()
        let existing = try await PlacementOutcome.query(on: database).filter(\.$placement.$id == placementID).all()
        let live = Set(existing.filter { $0.outcomeState != .cancelled }.map(\.outcomeHorizon))
        for (horizon, due) in OutcomeCheckpoints.toSchedule(end: end, consentActive: true, existing: live) {
            let row = existing.first { $0.outcomeHorizon == horizon } ?? newRow(placement, horizon: horizon, due: due)
            row.state = PlacementOutcome.State.scheduled.rawValue
            row.cancelledAt = nil
            row.dueOn = due.description
            try await row.save(on: database)
            try await JobQueue(database: database, clock: clock).enqueue(
                CheckpointDueJob(outcomeID: try row.requireID()),
                key: Self.jobKey(participantID: participantID, outcomeID: try row.requireID()),
                runAt: due.moment(atHour: FollowUpPlanner.sendingHour) ?? clock.now())
        }
    }

    private func newRow(_ placement: Placement, horizon: OutcomeHorizon, due: CivilDate) -> PlacementOutcome {
        let row = PlacementOutcome()
        row.$placement.id = placement.id ?? UUID()
        row.participantID = placement.$participant.id
        row.horizon = horizon.rawValue
        row.dueOn = due.description
        row.state = PlacementOutcome.State.scheduled.rawValue
        row.createdAt = clock.now()
        return row
    }

    /// Called in the transaction that records a consent: a withdrawal of the post-exit consent
    /// cancels every scheduled checkpoint of the person, kills their links and jobs; giving it
    /// schedules what the person's ended placements lack.
    func consentRecorded(_ action: ConsentAction, purpose: String, participantID: UUID) async throws {
        guard purpose == BuiltInConsentPurpose.postExitFollowUp.rawValue else { return }
        switch action {
        case .withdrawn:
            let scheduled = try await PlacementOutcome.query(on: database).filter(\.$participantID == participantID)
                .filter(\.$state == PlacementOutcome.State.scheduled.rawValue)
                .filter(\.$horizon != OutcomeHorizon.atExit.rawValue).all()
            let links = PlacementLinks(database: database, clock: clock)
            for row in scheduled {
                row.state = PlacementOutcome.State.cancelled.rawValue
                row.cancelledAt = clock.now()
                try await row.save(on: database)
                try await links.revoke(subject: try row.requireID())
            }
            try await JobQueue(database: database, clock: clock).cancel(
                CheckpointDueJob.self, keysStartingWith: Self.jobKeyPrefix(participantID: participantID))
        case .given:
            let ended = try await Placement.query(on: database).filter(\.$participant.$id == participantID)
                .filter(\.$status ~~ PlacementStatus.allCases.filter(\.hasRun).map(\.rawValue)).all()
            for placement in ended { try await scheduleCheckpoints(for: placement) }
        }
    }

}

/// Sends a checkpoint's link to the participant on its due day.
struct CheckpointDueJob: OneOffJob {
    static let kind = "placement_outcome_checkpoint"
    let outcomeID: UUID

    func run(in context: JobContext) async throws {
        guard let row = try await PlacementOutcome.find(outcomeID, on: context.database) else { return }
        let mail = context.application.placementMail
        try await OutcomeService(
            database: context.database, clock: context.clock, translations: mail.translations, publicURL: mail.publicURL
        )
        .sendCheckpoint(row)
    }
}
