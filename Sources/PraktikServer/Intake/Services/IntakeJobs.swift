import Fluent
import Foundation
import PraktikCore
import Vapor

/// The reminder of an open completion request, due some days before its deadline. Does nothing
/// if the request was answered or closed meanwhile (its job is also cancelled then).
struct CompletionReminderJob: OneOffJob {
    static let kind = "completion_reminder"
    let requestID: UUID

    static func key(_ requestID: UUID) -> String { "completion-reminder:\(requestID.uuidString.lowercased())" }

    func run(in context: JobContext) async throws {
        try await CompletionRequests(database: context.database, clock: context.clock)
            .remind(requestID, messages: .init(application: context.application))
    }
}

/// The day after a completion request's deadline: unanswered, it expires and the application goes
/// back to the screening queue.
struct CompletionExpiryJob: OneOffJob {
    static let kind = "completion_expiry"
    let requestID: UUID

    static func key(_ requestID: UUID) -> String { "completion-expiry:\(requestID.uuidString.lowercased())" }

    func run(in context: JobContext) async throws {
        try await CompletionRequests(database: context.database, clock: context.clock).expire(requestID)
    }
}

/// Sends an outreach selection's e-mail invitations in batches, each batch its own transaction
/// that marks what it sent, so a retry or another instance goes on where this one stopped.
struct OutreachSendJob: OneOffJob {
    static let kind = "outreach_send"
    static let batchSize = 200
    let selectionID: UUID

    static func key(_ selectionID: UUID) -> String { "outreach:\(selectionID.uuidString.lowercased())" }

    func run(in context: JobContext) async throws {
        let service = OutreachService(database: context.database, clock: context.clock)
        let total = try await OutreachSelection.find(selectionID, on: context.database)?.emailCount ?? 0
        var remaining = Int.max
        while remaining > 0 {
            remaining = try await service.sendBatch(
                of: selectionID, limit: Self.batchSize, translations: context.application.translations,
                publicURL: context.application.settings.publicURL)
            // Deliver the batch now: left to the half-minute mail job, thousands of invitations would
            // queue ahead of an applicant's confirmation.
            try await Outbox(database: context.database, clock: context.clock).deliverPending(
                via: context.application.mailTransport, logger: context.logger, limit: Self.batchSize)
            try await context.reportProgress(done: total - remaining, total: total)
        }
    }
}

extension ApplicantMessages {
    /// Messages written by a background job, with the application's translations and address.
    init(application: Application) {
        self.init(
            database: application.db, clock: application.clock, translations: application.translations,
            publicURL: application.settings.publicURL)
    }
}

/// Starting an outreach: the selection is marked as being sent and its job queued.
struct OutreachSending: Sendable {
    let database: any Database
    let clock: AppClock

    func start(_ selection: OutreachSelection, actor: AuditLog.Actor) async throws {
        guard selection.status == OutreachSelection.Status.selected.rawValue else {
            throw AppError.conflict(messageKey: "outreach.already-sent")
        }
        let id = try selection.requireID()
        try await database.writingTransaction { db in
            selection.status = OutreachSelection.Status.sending.rawValue
            selection.sentBy = actor.userID
            selection.sentAt = clock.now()
            try await selection.save(on: db)
            try await JobQueue(database: db, clock: clock).enqueue(OutreachSendJob(selectionID: id), key: OutreachSendJob.key(id))
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .outreachSelection, recordID: id, detail: "sending=\(selection.emailCount)")
        }
    }
}
