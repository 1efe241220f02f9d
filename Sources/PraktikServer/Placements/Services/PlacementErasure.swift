import Fluent
import Foundation
import PraktikCore
import SQLKit

/// What erasing a participant removes from their placements: free text that may name or describe
/// the person (the decision's justification, notes, goals and tasks, written answers), the address
/// forms were sent to, every link, and every form or checkpoint still waiting. Dates, statuses,
/// purposes, hours, scale answers and outcomes stay, anonymous, so statistics do not change.
enum PlacementErasure {
    static func erase(participantID: UUID, on db: any Database, clock: AppClock) async throws {
        let sql = try db.sql
        let placementIDs = try await Placement.query(on: db).filter(\.$participant.$id == participantID).all().compactMap(\.id)
        try await sql.raw("UPDATE placements SET justification = NULL WHERE participant_id = \(bind: participantID)").run()
        try await sql.raw("UPDATE placement_events SET note = NULL WHERE participant_id = \(bind: participantID)").run()
        try await sql.raw(
            "UPDATE placement_agreements SET goals = '', tasks = '' WHERE participant_id = \(bind: participantID)"
        ).run()
        try await sql.raw(
            """
            UPDATE follow_up_answers SET value = '' WHERE participant_id = \(bind: participantID)
              AND question_kind = \(bind: FollowUpQuestionKind.shortText.rawValue)
            """
        ).run()
        try await sql.raw(
            """
            UPDATE follow_ups SET recipient_email = NULL,
              cancelled_at = CASE WHEN answered_at IS NULL AND cancelled_at IS NULL THEN \(bind: clock.now()) ELSE cancelled_at END
            WHERE participant_id = \(bind: participantID)
            """
        ).run()
        try await sql.raw(
            """
            UPDATE placement_outcomes SET state = \(bind: PlacementOutcome.State.cancelled.rawValue), cancelled_at = \(bind: clock.now())
            WHERE participant_id = \(bind: participantID) AND state = \(bind: PlacementOutcome.State.scheduled.rawValue)
            """
        ).run()
        let queue = JobQueue(database: db, clock: clock)
        for placementID in placementIDs {
            try await PlacementLinks(database: db, clock: clock).revoke(placementID: placementID)
            try await queue.cancel(FollowUpSendJob.self, keysStartingWith: FollowUpPlanner.keyPrefix(placementID))
            try await queue.cancel(FollowUpReminderJob.self, keysStartingWith: FollowUpPlanner.keyPrefix(placementID))
        }
        try await queue.cancel(CheckpointDueJob.self, keysStartingWith: CheckpointScheduler.jobKeyPrefix(participantID: participantID))
    }
}
