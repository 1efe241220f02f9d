import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Creates a placement's follow-up forms when it is decided and moves their due dates when the
/// placement starts, is extended, ends early or is cancelled. Each participant and supervisor form
/// has a one-off job that sends it on its due day; the case worker's form waits on the worklist.
struct FollowUpPlanner: Sendable {
    let database: any Database
    let clock: AppClock

    /// Job keys start with the placement, so one call cancels every job of a placement.
    static func keyPrefix(_ placementID: UUID) -> String { "placement:\(placementID.uuidString):" }
    static func sendKey(_ placementID: UUID, _ followUpID: UUID) -> String { keyPrefix(placementID) + "form:\(followUpID.uuidString)" }
    static func reminderKey(_ placementID: UUID, _ followUpID: UUID, _ number: Int) -> String {
        keyPrefix(placementID) + "reminder:\(followUpID.uuidString):\(number)"
    }

    /// Forms sent by mail go out at nine in the morning of their day.
    static let sendingHour = 9

    func createForms(for placement: Placement) async throws {
        let placementID = try placement.requireID()
        guard let start = placement.startDate, let end = placement.endDate else { return }
        let templates = try await FollowUpTemplate.query(on: database).all()
        for (stage, respondent) in FollowUpSchedule.forms {
            guard let template = templates.first(where: { $0.stage == stage.rawValue && $0.respondent == respondent.rawValue }),
                let version = try await FollowUpTemplateVersion.query(on: database).filter(\.$template.$id == template.requireID())
                    .filter(\.$version == template.currentVersion).first()
            else { continue }
            let followUp = FollowUp()
            followUp.$placement.id = placementID
            followUp.participantID = placement.$participant.id
            followUp.$templateVersion.id = try version.requireID()
            followUp.stage = stage.rawValue
            followUp.respondent = respondent.rawValue
            followUp.dueOn = FollowUpSchedule.dueDate(of: stage, start: start, end: end).description
            followUp.language = placement.language ?? "sv"
            followUp.remindersSent = 0
            followUp.onBehalf = false
            followUp.createdAt = clock.now()
            try await followUp.create(on: database)
            try await enqueueSending(followUp, placementID: placementID)
        }
    }

    /// After the period changed: unsent forms move to their new due day; a middle form whose day
    /// falls after an early end is cancelled; a cancelled placement cancels every open form.
    func reschedule(_ placement: Placement) async throws {
        let placementID = try placement.requireID()
        let status = placement.placementStatus
        let forms = try await FollowUp.query(on: database).filter(\.$placement.$id == placementID).all()
        if status == .cancelled {
            for form in forms where form.isOpen { try await cancel(form) }
            return
        }
        guard let start = placement.startDate, let end = placement.endDate else { return }
        for form in forms where form.isOpen && form.sentAt == nil {
            let stage = form.followUpStage
            let due = FollowUpSchedule.dueDate(of: stage, start: start, end: end)
            if stage == .mid, status == .interrupted, let actualEnd = placement.actualEndDate,
                let originalDue = CivilDate(iso8601: form.dueOn), originalDue > actualEnd
            {
                try await cancel(form)
                continue
            }
            guard form.dueOn != due.description else { continue }
            form.dueOn = due.description
            try await form.save(on: database)
            let id = try form.requireID()
            try await JobQueue(database: database, clock: clock).cancel(FollowUpSendJob.self, key: Self.sendKey(placementID, id))
            try await enqueueSending(form, placementID: placementID)
        }
    }

    func cancel(_ form: FollowUp) async throws {
        let id = try form.requireID()
        form.cancelledAt = clock.now()
        try await form.save(on: database)
        let placementID = form.$placement.id
        let queue = JobQueue(database: database, clock: clock)
        try await queue.cancel(FollowUpSendJob.self, key: Self.sendKey(placementID, id))
        try await queue.cancel(FollowUpReminderJob.self, keysStartingWith: Self.keyPrefix(placementID) + "reminder:\(id.uuidString):")
        try await PlacementLinks(database: database, clock: clock).revoke(subject: id)
    }

    private func enqueueSending(_ form: FollowUp, placementID: UUID) async throws {
        guard form.followUpRespondent != .caseWorker, let due = CivilDate(iso8601: form.dueOn) else { return }
        let id = try form.requireID()
        try await JobQueue(database: database, clock: clock).enqueue(
            FollowUpSendJob(followUpID: id), key: Self.sendKey(placementID, id),
            runAt: due.moment(atHour: Self.sendingHour) ?? clock.now())
    }
}
