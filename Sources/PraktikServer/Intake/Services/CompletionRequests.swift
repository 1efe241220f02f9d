import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Completion requests (komplettering): a case worker asks for what is missing with a deadline,
/// the applicant is told and reminded before the deadline, answers on the status page, and the
/// application goes back to the screening queue, answered or not.
struct CompletionRequests: Sendable {
    let database: any Database
    let clock: AppClock
    var policy = CompletionDeadlinePolicy()

    struct Draft: Sendable {
        var items: [CompletionItem]
        var message: String
        var deadline: CivilDate?
    }

    /// Asks the applicant to complete `application`; returns the request.
    @discardableResult
    func request(
        _ draft: Draft, for application: IntakeApplication, in intake: Intake, messages: ApplicantMessages, actor: AuditLog.Actor
    ) async throws -> CompletionRequest {
        var errors = FormErrors()
        let message = errors.text("message", draft.message, .text, required: true)
        if draft.items.isEmpty { errors.add("items", "completion.items.required") }
        let today = try clock.today()
        if let deadline = draft.deadline {
            do { try policy.check(deadline: deadline, today: today) } catch { errors.add("deadline", error.code) }
        } else {
            errors.add("deadline", "apply.error.date")
        }
        try errors.throwIfAny()
        guard let deadline = draft.deadline, let status = ApplicationStatus(rawValue: application.status) else {
            throw AppError.unavailable
        }
        do { try status.checkTransition(to: .awaitingCompletion, by: .staff) } catch {
            throw AppError.conflict(messageKey: error.code)
        }
        let applicationID = try application.requireID()
        return try await database.writingTransaction { db in
            try await CompletionRequests(database: db, clock: clock).closeOpen(of: [applicationID])
            let request = CompletionRequest()
            request.$application.id = applicationID
            request.$participant.id = application.$participant.id
            request.items = draft.items.map(\.rawValue).joined(separator: ",")
            request.message = message
            request.deadline = deadline.description
            request.status = CompletionRequest.Status.open.rawValue
            request.requestedBy = actor.userID
            request.requestedAt = clock.now()
            try await request.create(on: db)
            let requestID = try request.requireID()
            let jobs = JobQueue(database: db, clock: clock)
            if let day = policy.reminderDay(deadline: deadline, today: today) {
                try await jobs.enqueue(
                    CompletionReminderJob(requestID: requestID), key: CompletionReminderJob.key(requestID), runAt: Self.morning(of: day))
            }
            if let after = deadline.adding(days: 1) {
                try await jobs.enqueue(
                    CompletionExpiryJob(requestID: requestID), key: CompletionExpiryJob.key(requestID),
                    runAt: Self.morning(of: after, hour: 0))
            }
            application.status = ApplicationStatus.awaitingCompletion.rawValue
            application.statusChangedAt = clock.now()
            try await application.save(on: db)
            let language = ApplicantMessages.language(of: application)
            try await messages.on(db).send(
                .completionRequest, about: application, intakeName: intake.name,
                extra: [ApplicantMessages.dateText(deadline, in: language), message])
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: applicationID,
                detail: "completion requested items=\(request.items) deadline=\(request.deadline)")
            return request
        }
    }

    /// The open request of an application, if any.
    func open(of application: IntakeApplication) async throws -> CompletionRequest? {
        try await CompletionRequest.query(on: database).filter(\.$application.$id == application.requireID())
            .filter(\.$status == CompletionRequest.Status.open.rawValue).sort(\.$requestedAt, .descending).first()
    }

    /// Ends the open requests of these applications: a decision or a withdrawal makes them moot.
    func closeOpen(of applicationIDs: [UUID]) async throws {
        guard !applicationIDs.isEmpty else { return }
        let open = try await CompletionRequest.query(on: database).filter(\.$application.$id ~~ applicationIDs)
            .filter(\.$status == CompletionRequest.Status.open.rawValue).all()
        for request in open {
            request.status = CompletionRequest.Status.closed.rawValue
            request.closedAt = clock.now()
            try await request.save(on: database)
            try await cancelJobs(of: try request.requireID())
        }
    }

    /// The reminder and the expiry of a request that no longer waits for an answer.
    private func cancelJobs(of requestID: UUID) async throws {
        let jobs = JobQueue(database: database, clock: clock)
        try await jobs.cancel(CompletionReminderJob.self, key: CompletionReminderJob.key(requestID))
        try await jobs.cancel(CompletionExpiryJob.self, key: CompletionExpiryJob.key(requestID))
    }

    /// `hour` o'clock in Stockholm on `day`: reminders go out in the morning, not at midnight.
    static func morning(of day: CivilDate, hour: Int = 8) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilDate.calendarTimeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: 5)) ?? Date()
    }

    /// The applicant's answer: the corrected answers for the requested items and a message. The
    /// rules run again and the application goes back to the queue.
    func answer(
        _ request: CompletionRequest, of application: IntakeApplication, in intake: Intake, corrected input: ApplicationInput,
        text: String, context: ApplicationFormContext, actor: AuditLog.Actor
    ) async throws {
        guard request.status == CompletionRequest.Status.open.rawValue else { throw AppError.conflict(messageKey: "completion.not-open") }
        var errors = FormErrors()
        let answer = errors.text("answer", text, .text)
        let items = Self.items(of: request)
        let fields = Set(items.flatMap(\.fields))
        for step in [ApplicationStep.education, .situation] {
            for (field, key) in input.problems(in: step, context: context).fields where Self.formFields(for: fields).contains(field) {
                errors.add(field, key)
            }
        }
        if answer.isEmpty && fields.isEmpty { errors.add("answer", "form.required") }
        try errors.throwIfAny()
        guard case .success(let valid) = input.validated(context: context, steps: [.education, .situation]) else {
            throw AppError.badRequest(messageKey: "error.bad-request")
        }
        try await database.writingTransaction { db in
            try await ApplicationAnswers(database: db).apply(valid, fields: fields, to: application)
            request.status = CompletionRequest.Status.answered.rawValue
            request.answeredAt = clock.now()
            request.answerText = answer.isEmpty ? nil : answer
            try await request.save(on: db)
            try await CompletionRequests(database: db, clock: clock).cancelJobs(of: try request.requireID())
            try await EligibilityService(database: db, clock: clock).evaluate(application, in: intake)
            if let status = ApplicationStatus(rawValue: application.status),
                (try? status.checkTransition(to: .submitted, by: .applicant)) != nil
            {
                application.status = ApplicationStatus.submitted.rawValue
                application.statusChangedAt = clock.now()
                try await application.save(on: db)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: try application.requireID(),
                detail: "completion answered fields=" + fields.map(\.rawValue).sorted().joined(separator: ","))
        }
    }

    /// Sends the reminder of an open request once, while its deadline is still ahead.
    func remind(_ requestID: UUID, messages: ApplicantMessages) async throws {
        try await database.writingTransaction { db in
            guard let request = try await CompletionRequest.find(requestID, on: db),
                request.status == CompletionRequest.Status.open.rawValue, request.reminderSentAt == nil,
                let deadline = CivilDate(iso8601: request.deadline), deadline >= (try clock.today()),
                let application = try await IntakeApplication.find(request.$application.id, on: db),
                let intake = try await Intake.find(application.$intake.id, on: db)
            else { return }
            request.reminderSentAt = clock.now()
            try await request.save(on: db)
            let language = ApplicantMessages.language(of: application)
            try await messages.on(db).send(
                .completionReminder, about: application, intakeName: intake.name,
                extra: [ApplicantMessages.dateText(deadline, in: language), request.message])
        }
    }

    /// After the deadline an unanswered request expires and the application goes back to the
    /// queue, where the case worker decides on what there is.
    func expire(_ requestID: UUID) async throws {
        try await database.writingTransaction { db in
            guard let request = try await CompletionRequest.find(requestID, on: db),
                request.status == CompletionRequest.Status.open.rawValue,
                let deadline = CivilDate(iso8601: request.deadline), deadline < (try clock.today()),
                let application = try await IntakeApplication.find(request.$application.id, on: db)
            else { return }
            request.status = CompletionRequest.Status.expired.rawValue
            request.closedAt = clock.now()
            try await request.save(on: db)
            if application.status == ApplicationStatus.awaitingCompletion.rawValue {
                application.status = ApplicationStatus.submitted.rawValue
                application.statusChangedAt = clock.now()
                try await application.save(on: db)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: .system("completion_expiry"), recordType: .application, recordID: application.id, detail: "completion expired")
        }
    }

    static func items(of request: CompletionRequest) -> [CompletionItem] {
        request.items.split(separator: ",").compactMap { CompletionItem(rawValue: String($0)) }
    }

    /// The form fields that carry each applicant fact.
    static func formFields(for fields: Set<ApplicantField>) -> Set<String> {
        var names: Set<String> = []
        for field in fields {
            switch field {
            case .registeredAsJobSeeker: names.insert("registeredAsJobSeeker")
            case .educationLevel: names.insert("educationLevel")
            case .educationField: names.insert("educationField")
            case .upperSecondaryFullGrades: names.insert("upperSecondaryFullGrades")
            case .languages: names.insert("languages")
            case .swedishWorkExperience: names.insert("swedishWorkMonths")
            case .permit: names.insert("permitKind")
            case .permitEndDate: names.insert("permitEnd")
            case .birthRegion, .previousPlacements: break
            }
        }
        return names
    }
}

extension ApplicantMessages {
    /// The same messages, written in `database` (a transaction).
    func on(_ database: any Database) -> ApplicantMessages {
        ApplicantMessages(database: database, clock: clock, translations: translations, publicURL: publicURL)
    }
}
