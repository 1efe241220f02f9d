import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Imports outcomes known from a register (CSV: person number, date, status code, source): upload
/// and preview with every invalid row, then the import. A row is written only for a person whose
/// post-exit consent is active or who is still enrolled (the public task), and only into an empty
/// checkpoint of a placement that ended about 3, 6 or 12 months before the row's date; the preview
/// counts the rows that will be skipped and why, and a second import of the same file writes nothing.
struct OutcomeImportService: Sendable {
    let database: any Database
    let clock: AppClock

    enum Skip: String, CaseIterable, Sendable {
        case unknownPerson = "outcome-import.skip.unknown-person"
        case noConsent = "outcome-import.skip.no-consent"
        case noPlacement = "outcome-import.skip.no-placement"
        case alreadyKnown = "outcome-import.skip.already-known"
    }

    struct Plan: Sendable {
        struct Write: Sendable {
            let line: Int
            let placementID: UUID
            let participantID: UUID
            let horizon: OutcomeHorizon
            let status: OutcomeStatus
            let source: String
        }

        var parsed: RegisterOutcomeFile.Parsed
        var writes: [Write] = []
        var skips: [(line: Int, skip: Skip)] = []

        func count(_ skip: Skip) -> Int { skips.filter { $0.skip == skip }.count }
    }

    func stage(content: String, fileName: String, by userID: UUID) async throws -> OutcomeImportBatch {
        let plan = try await plan(content)
        let batch = OutcomeImportBatch()
        batch.$createdBy.id = userID
        batch.fileName = String(fileName.prefix(200))
        batch.content = content
        batch.status = "previewed"
        batch.rowsTotal = plan.parsed.recordCount
        batch.rowsInvalid = plan.parsed.invalidLineCount
        batch.rowsWritten = 0
        batch.rowsSkipped = plan.skips.count
        batch.error = plan.parsed.fileProblem
        batch.createdAt = clock.now()
        try await batch.create(on: database)
        return batch
    }

    /// What the file would write now, row by row.
    func plan(_ content: String) async throws -> Plan {
        var plan = Plan(parsed: RegisterOutcomeFile.parse(content, today: try clock.today()))
        guard plan.parsed.fileProblem == nil else { return plan }
        let consents = ConsentService(database: database, clock: clock)
        var participants: [String: Participant] = [:]
        let candidates = Array(Set(plan.parsed.rows.flatMap(\.personCandidates)))
        for chunk in stride(from: 0, to: candidates.count, by: 500) {
            let slice = Array(candidates[chunk..<min(candidates.count, chunk + 500)])
            for participant in try await Participant.query(on: database).filter(\.$personIdentifier ~~ slice).all() {
                if let key = participant.personIdentifier { participants[key] = participant }
            }
        }
        var planned: Set<String> = []
        for row in plan.parsed.rows {
            guard let participant = row.personCandidates.compactMap({ participants[$0] }).first, let participantID = participant.id else {
                plan.skips.append((row.line, .unknownPerson))
                continue
            }
            let consent = try await consents.isActive(.postExitFollowUp, for: participantID)
            if RegisterOutcomeRule.refusal(
                participantStatus: ParticipantStatus(rawValue: participant.status) ?? .exited, isErased: participant.erasedAt != nil,
                postExitConsentActive: consent) != nil
            {
                plan.skips.append((row.line, .noConsent))
                continue
            }
            // The placement whose checkpoint this observation answers.
            let ended = try await Placement.query(on: database).filter(\.$participant.$id == participantID)
                .filter(\.$status ~~ PlacementStatus.allCases.filter(\.hasRun).map(\.rawValue)).all()
            let match = ended.compactMap { placement -> (Placement, OutcomeHorizon)? in
                guard let end = placement.endDate, let horizon = RegisterOutcomeRule.horizon(observedOn: row.date, placementEnd: end) else {
                    return nil
                }
                return (placement, horizon)
            }.first
            guard let (placement, horizon) = match, let placementID = placement.id else {
                plan.skips.append((row.line, .noPlacement))
                continue
            }
            let existing = try await PlacementOutcome.query(on: database).filter(\.$placement.$id == placementID)
                .filter(\.$horizon == horizon.rawValue).first()
            let key = placementID.uuidString + horizon.rawValue
            if existing?.outcomeState == .answered || planned.contains(key) {
                plan.skips.append((row.line, .alreadyKnown))
                continue
            }
            planned.insert(key)
            plan.writes.append(
                .init(
                    line: row.line, placementID: placementID, participantID: participantID, horizon: horizon, status: row.status,
                    source: row.source))
        }
        return plan
    }

    /// Runs a previewed batch once: the batch is claimed with one conditional UPDATE, the rows are
    /// written in one transaction with the batch's counts. Rules are checked again as of now.
    func run(_ batchID: UUID, by actor: AuditLog.Actor) async throws -> OutcomeImportBatch {
        try await database.writingTransaction { db in
            struct Claimed: Decodable { let id: UUID }
            let claimed = try await db.sql.raw(
                "UPDATE outcome_import_batches SET status = 'running' WHERE id = \(bind: batchID) AND status = 'previewed' RETURNING id"
            ).all(decoding: Claimed.self)
            guard !claimed.isEmpty, let batch = try await OutcomeImportBatch.find(batchID, on: db) else {
                throw AppError.conflict(messageKey: "import.already-run")
            }
            let plan = try await OutcomeImportService(database: db, clock: clock).plan(batch.content)
            for write in plan.writes {
                let row =
                    try await PlacementOutcome.query(on: db).filter(\.$placement.$id == write.placementID)
                    .filter(\.$horizon == write.horizon.rawValue).first() ?? PlacementOutcome()
                if row.id == nil {
                    row.$placement.id = write.placementID
                    row.participantID = write.participantID
                    row.horizon = write.horizon.rawValue
                    let end = try await Placement.find(write.placementID, on: db)?.endDate
                    row.dueOn = end.map { OutcomeCheckpoints.dueDate(of: write.horizon, afterEnd: $0).description } ?? ""
                    row.createdAt = clock.now()
                }
                row.state = PlacementOutcome.State.answered.rawValue
                row.status = write.status.rawValue
                row.source = OutcomeSource.register.rawValue
                row.sourceName = write.source
                row.recordedAt = clock.now()
                row.recordedBy = actor.userID
                row.cancelledAt = nil
                try await row.save(on: db)
                try await PlacementLinks(database: db, clock: clock).revoke(subject: try row.requireID())
                try await JobQueue(database: db, clock: clock).cancel(
                    CheckpointDueJob.self,
                    key: CheckpointScheduler.jobKey(participantID: write.participantID, outcomeID: try row.requireID()))
                try await AuditLog(database: db, clock: clock).record(
                    .update, by: actor, recordType: .participant, recordID: write.participantID,
                    detail: "placement outcome \(write.horizon.rawValue)=\(write.status.rawValue) source=register")
            }
            batch.status = "done"
            batch.rowsWritten = plan.writes.count
            batch.rowsSkipped = plan.skips.count
            batch.rowsInvalid = plan.parsed.invalidLineCount
            batch.finishedAt = clock.now()
            try await batch.save(on: db)
            return batch
        }
    }
}
