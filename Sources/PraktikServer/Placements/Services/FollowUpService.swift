import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Sends follow-up forms (a link by mail, in the respondent's language), reminds, and takes answers
/// by link, in the employer portal, or from a case worker on someone's behalf. An answer is taken
/// once: the form is claimed with one conditional UPDATE, so a second answer (a double click, a
/// second link) is refused politely and changes nothing.
struct FollowUpService: Sendable {
    let database: any Database
    let clock: AppClock
    let translations: Translations
    let publicURL: String

    enum Refusal: String, Error, Sendable {
        case alreadyAnswered = "follow-up.already-answered"
        case closed = "follow-up.closed"
    }

    /// A form posted with problems: the good answers are kept (`reading.answers`), each problem named.
    struct Problems: Error, Sendable {
        let reading: FollowUpAnswers.Reading
    }

    /// Where a form goes: the address and language of its respondent, nil when there is no address
    /// (the case worker answers on the respondent's behalf then).
    func recipient(of form: FollowUp) async throws -> (email: String, language: String, name: String)? {
        guard let placement = try await Placement.find(form.$placement.id, on: database),
            let participant = try await Participant.find(placement.$participant.id, on: database), participant.erasedAt == nil
        else { return nil }
        switch form.followUpRespondent {
        case .participant:
            guard let email = participant.email, !email.isEmpty else { return nil }
            return (email, placement.participantLanguage(participant), participant.firstName ?? "")
        case .supervisor:
            guard let agreement = try await PlacementAgreement.query(on: database).filter(\.$placement.$id == placement.requireID()).first()
            else { return nil }
            var email = agreement.supervisorEmail
            if email?.isEmpty ?? true, let userID = agreement.$supervisorUser.id {
                email = try await User.find(userID, on: database)?.email
            }
            guard let email, !email.isEmpty else { return nil }
            return (email, agreement.supervisorLanguage, participant.firstName ?? "")
        case .caseWorker:
            return nil
        }
    }

    /// Sends the form now: binds it to the template's current version (unless sent before), issues
    /// a link, queues the mail and the reminders. Does nothing for an answered or cancelled form, a
    /// cancelled placement, or a respondent without an address. Returns whether a mail was queued.
    @discardableResult
    func send(_ form: FollowUp) async throws -> Bool {
        guard form.isOpen, form.sentAt == nil, form.followUpRespondent != .caseWorker,
            let placement = try await Placement.find(form.$placement.id, on: database), placement.placementStatus != .cancelled,
            let recipient = try await recipient(of: form)
        else { return false }
        let today = try clock.today()
        let expiry = FollowUpSchedule.linkExpiry(sentOn: today)
        let formID = try form.requireID()
        let placementID = try placement.requireID()
        try await database.writingTransaction { db in
            if let current = try await currentVersion(stage: form.stage, respondent: form.respondent, on: db) {
                form.$templateVersion.id = try current.requireID()
            }
            form.sentAt = clock.now()
            form.expiresOn = expiry.description
            form.recipientEmail = recipient.email
            form.language = recipient.language
            try await form.save(on: db)
            let token = try await PlacementLinks(database: db, clock: clock).issue(
                .followUp, subject: formID, placementID: placementID, expiresOn: expiry)
            try await mail(form, to: recipient, token: token, expiry: expiry, reminder: false, on: db)
            for (number, date) in FollowUpSchedule.reminderDates(sentOn: today).enumerated() {
                try await JobQueue(database: db, clock: clock).enqueue(
                    FollowUpReminderJob(followUpID: formID, number: number + 1),
                    key: FollowUpPlanner.reminderKey(placementID, formID, number + 1),
                    runAt: date.moment(atHour: FollowUpPlanner.sendingHour) ?? clock.now())
            }
        }
        return true
    }

    /// A reminder with a fresh link, if the form is still open, sent and not expired.
    @discardableResult
    func remind(_ form: FollowUp) async throws -> Bool {
        guard form.isOpen, form.sentAt != nil, let expiry = form.expiresOn.flatMap(CivilDate.init(iso8601:)),
            expiry >= (try clock.today()), let recipient = try await recipient(of: form),
            let placement = try await Placement.find(form.$placement.id, on: database), placement.placementStatus != .cancelled
        else { return false }
        let formID = try form.requireID()
        try await database.writingTransaction { db in
            let token = try await PlacementLinks(database: db, clock: clock).issue(
                .followUp, subject: formID, placementID: try placement.requireID(), expiresOn: expiry)
            try await mail(form, to: recipient, token: token, expiry: expiry, reminder: true, on: db)
            form.remindersSent += 1
            try await form.save(on: db)
        }
        return true
    }

    private func mail(
        _ form: FollowUp, to recipient: (email: String, language: String, name: String), token: String, expiry: CivilDate, reminder: Bool,
        on db: any Database
    ) async throws {
        let who = form.followUpRespondent == .participant ? "participant" : "supervisor"
        let kind = reminder ? "reminder" : "mail"
        let url = PlacementLinks.url(.followUpForm(token), publicURL: publicURL)
        try await PlacementMail(database: db, clock: clock, translations: translations).send(
            to: recipient.email, subjectKey: "follow-up.\(kind).\(who).subject", bodyKey: "follow-up.\(kind).\(who).body",
            arguments: [recipient.name, url, expiry.description], language: recipient.language,
            participantID: form.followUpRespondent == .participant ? form.participantID : nil)
    }

    func currentVersion(stage: String, respondent: String, on db: any Database) async throws -> FollowUpTemplateVersion? {
        guard let template = try await FollowUpTemplate.query(on: db).filter(\.$stage == stage).filter(\.$respondent == respondent).first()
        else { return nil }
        return try await FollowUpTemplateVersion.query(on: db).filter(\.$template.$id == template.requireID())
            .filter(\.$version == template.currentVersion).first()
    }

    func content(of form: FollowUp) async throws -> FollowUpTemplateContent {
        guard let version = try await FollowUpTemplateVersion.find(form.$templateVersion.id, on: database) else { throw AppError.notFound }
        return try version.content()
    }

    /// Records the answers. Throws `Problems` (nothing stored) when an answer is missing or out of
    /// range, `Refusal.alreadyAnswered` when someone answered first, `Refusal.closed` when the
    /// form or its placement was cancelled.
    func answer(
        _ form: FollowUp, values: [String: String], via channel: FollowUpChannel, onBehalf: Bool, by actor: AuditLog.Actor
    ) async throws {
        let content = try await content(of: form)
        let reading = FollowUpAnswers.read(values, for: content.questions)
        guard reading.isComplete else { throw Problems(reading: reading) }
        let formID = try form.requireID()
        let placementID = form.$placement.id
        try await database.writingTransaction { db in
            // The claim is the first write: of two answers at once, one finds the form still open.
            struct Claimed: Decodable { let id: UUID }
            let claimed = try await db.sql.raw(
                """
                UPDATE follow_ups SET answered_at = \(bind: clock.now()), answered_by = \(bind: actor.userID),
                  answered_via = \(bind: channel.rawValue), on_behalf = \(bind: onBehalf)
                WHERE id = \(bind: formID) AND answered_at IS NULL AND cancelled_at IS NULL
                  AND EXISTS (SELECT 1 FROM placements p WHERE p.id = follow_ups.placement_id AND p.status <> \(bind: PlacementStatus.cancelled.rawValue))
                RETURNING id
                """
            ).all(decoding: Claimed.self)
            guard !claimed.isEmpty else {
                let current = try await FollowUp.find(formID, on: db)
                throw current?.answeredAt != nil ? Refusal.alreadyAnswered : Refusal.closed
            }
            for question in content.questions {
                guard let answer = reading.answers[question.key] else { continue }
                let row = FollowUpAnswerRecord()
                row.$followUp.id = formID
                row.participantID = form.participantID
                row.questionKey = question.key
                row.questionKind = question.kind.rawValue
                row.meaning = question.meaning?.rawValue
                row.value = answer.storedText
                row.number = answer.number
                try await row.create(on: db)
            }
            if case .choice(let offered)? = content.question(meaning: .employmentOffered).flatMap({ reading.answers[$0.key] }),
                form.followUpStage == .end
            {
                try await applyEmploymentOffer(offered, respondent: form.followUpRespondent, placementID: placementID, on: db)
            }
            // The links stay until they expire: opened again, they thank the person instead of failing.
            try await JobQueue(database: db, clock: clock).cancel(
                FollowUpReminderJob.self, keysStartingWith: FollowUpPlanner.keyPrefix(placementID) + "reminder:\(formID.uuidString):")
            try await JobQueue(database: db, clock: clock).cancel(FollowUpSendJob.self, key: FollowUpPlanner.sendKey(placementID, formID))
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placement, recordID: placementID,
                detail: "follow-up \(form.stage)/\(form.respondent) answered via \(channel.rawValue)" + (onBehalf ? " on behalf" : ""))
        }
    }

    /// The supervisor's end form answers "did this placement lead to a job with you?"; the
    /// participant's says what was offered, kept when the workplace has not said.
    private func applyEmploymentOffer(_ offered: String, respondent: FollowUpRespondent, placementID: UUID, on db: any Database)
        async throws
    {
        let kind = EmploymentKind(rawValue: offered)
        switch respondent {
        case .supervisor:
            try await db.sql.raw(
                """
                UPDATE placements SET hired_by_host = \(bind: kind != nil), employment_kind = \(bind: kind?.rawValue),
                  updated_at = \(bind: clock.now()) WHERE id = \(bind: placementID)
                """
            ).run()
        case .participant, .caseWorker:
            guard let kind else { return }
            try await db.sql.raw(
                """
                UPDATE placements SET employment_kind = \(bind: kind.rawValue), updated_at = \(bind: clock.now())
                WHERE id = \(bind: placementID) AND employment_kind IS NULL
                """
            ).run()
        }
    }

    /// The answers of an answered form, by question key.
    func answers(of form: FollowUp) async throws -> [String: String] {
        let rows = try await FollowUpAnswerRecord.query(on: database).filter(\.$followUp.$id == form.requireID()).all()
        return Dictionary(rows.map { ($0.questionKey, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Sends a follow-up form on its due day.
struct FollowUpSendJob: OneOffJob {
    static let kind = "placement_follow_up_send"
    let followUpID: UUID

    func run(in context: JobContext) async throws {
        guard let form = try await FollowUp.find(followUpID, on: context.database) else { return }
        let mail = context.application.placementMail
        try await FollowUpService(
            database: context.database, clock: context.clock, translations: mail.translations, publicURL: mail.publicURL
        )
        .send(form)
    }
}

/// Reminds a respondent who has not answered, 3 and 10 days after the form was sent.
struct FollowUpReminderJob: OneOffJob {
    static let kind = "placement_follow_up_reminder"
    let followUpID: UUID
    let number: Int

    func run(in context: JobContext) async throws {
        guard let form = try await FollowUp.find(followUpID, on: context.database), form.remindersSent < number else { return }
        let mail = context.application.placementMail
        try await FollowUpService(
            database: context.database, clock: context.clock, translations: mail.translations, publicURL: mail.publicURL
        )
        .remind(form)
    }
}
