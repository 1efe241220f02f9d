import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// Runs a decided placement: the status machine's actions (start, extend, complete, end early,
/// cancel), the hours plan, the purpose agreement and its confirmation by link, and the employer's
/// "did this placement lead to a job with you?". Every change is written with its history event and
/// audit entry in one transaction.
struct PlacementService: Sendable {
    let database: any Database
    let clock: AppClock
    let translations: Translations
    let publicURL: String

    struct ActionInput: Sendable {
        var action: PlacementAction
        var date: CivilDate
        var reason: String?
        var note: String?
    }

    static let maximumNoteLength = 2_000

    /// Performs `input.action`; throws `PlacementTransitionRefusal` with the machine's reason, or
    /// `AppError.conflict` when someone else changed the placement meanwhile.
    func perform(_ input: ActionInput, on placement: Placement, by actor: AuditLog.Actor) async throws {
        let current = placement.placementStatus
        guard let plannedStart = placement.plannedStartDate, let plannedEnd = placement.plannedEndDate else {
            throw AppError.conflict(messageKey: "placement.period.invalid")
        }
        if let note = input.note, note.count > Self.maximumNoteLength { throw FormErrors(fields: ["note": "placement.too-long"]) }
        var maximumDays: Int?
        if input.action == .extend, let code = placement.programme,
            let programme = try await PlacementProgrammes(database: database).find(code: code)
        {
            maximumDays = programme.maximumLength?.days(startingOn: placement.startDate ?? plannedStart)
        }
        let facts = PlacementStatus.ActionFacts(
            today: try clock.today(), plannedStart: plannedStart, plannedEnd: plannedEnd, actualStart: placement.actualStartDate,
            date: input.date, reason: input.reason, maximumDays: maximumDays, isDecided: !placement.isAwaitingDecision)
        let target = try current.target(of: input.action, facts)
        if input.action == .extend {
            let overlapping = try await PlacementDecisionService(database: database, clock: clock).overlapping(
                participantID: placement.$participant.id, start: plannedEnd.adding(days: 1) ?? input.date, end: input.date,
                excluding: placement.id, on: database)
            if overlapping > 0 { throw AppError.conflict(messageKey: PlacementDecision.Refusal.Code.overlapping.rawValue) }
        }
        let placementID = try placement.requireID()
        let previousEnd = placement.plannedEnd
        try await database.writingTransaction { db in
            var assignments: SQLQueryString = "status = \(bind: target.rawValue), updated_at = \(bind: clock.now())"
            switch input.action {
            case .start: assignments += ", actual_start = \(bind: input.date.description)"
            case .extend: assignments += ", planned_end = \(bind: input.date.description)"
            case .complete: assignments += ", actual_end = \(bind: input.date.description)"
            case .endEarly, .cancel:
                if input.action == .endEarly { assignments += ", actual_end = \(bind: input.date.description)" }
                assignments += ", end_reason = \(bind: input.reason)"
            }
            // Conditional on the status read above: two case workers acting at once cannot both win.
            struct Row: Decodable { let id: UUID }
            let changed = try await db.sql.raw(
                "UPDATE placements SET " + assignments
                    + " WHERE id = \(bind: placementID) AND status = \(bind: current.rawValue) AND planned_end = \(bind: previousEnd) RETURNING id"
            ).all(decoding: Row.self)
            guard !changed.isEmpty else { throw AppError.conflict(messageKey: "placement.changed-meanwhile") }
            if current.holdsSeat, !target.holdsSeat { try await PlaceSeats.release(placeID: placement.$place.id, on: db) }
            guard let updated = try await Placement.find(placementID, on: db) else { throw AppError.notFound }
            let kind: PlacementEvent.Kind =
                switch input.action {
                case .start: .start
                case .extend: .extend
                case .complete: .complete
                case .endEarly: .endEarly
                case .cancel: .cancel
                }
            try await PlacementHistory(database: db, clock: clock).record(
                kind, placement: updated, from: current, to: target, date: input.date, reason: input.reason,
                note: input.note?.isEmpty == true ? nil : input.note, previousEnd: input.action == .extend ? previousEnd : nil, by: actor)
            try await FollowUpPlanner(database: db, clock: clock).reschedule(updated)
            if target == .cancelled {
                try await PlacementLinks(database: db, clock: clock).revoke(placementID: placementID)
                try await JobQueue(database: db, clock: clock).cancel(
                    FollowUpReminderJob.self, keysStartingWith: FollowUpPlanner.keyPrefix(placementID))
                try await JobQueue(database: db, clock: clock).cancel(
                    FollowUpSendJob.self, keysStartingWith: FollowUpPlanner.keyPrefix(placementID))
            }
            if target.hasRun {
                try await CheckpointScheduler(database: db, clock: clock).placementEnded(updated)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placement, recordID: placementID,
                detail: "action=\(input.action.rawValue) status=\(target.rawValue)")
        }
        if let updated = try await Placement.find(placementID, on: database) {
            placement.status = updated.status
            placement.actualStart = updated.actualStart
            placement.actualEnd = updated.actualEnd
            placement.plannedEnd = updated.plannedEnd
            placement.endReason = updated.endReason
        }
    }

    // MARK: Hours plan

    func hoursPlan(of placementID: UUID) async throws -> HoursPlan {
        HoursPlan(steps: try await PlacementHoursStep.query(on: database).filter(\.$placement.$id == placementID).all().compactMap(\.step))
    }

    /// Adds a step (from a date, hours a week) while the placement is planned or running.
    func addHoursStep(_ step: HoursPlan.Step, to placement: Placement, by actor: AuditLog.Actor) async throws {
        guard placement.placementStatus.holdsSeat else { throw AppError.conflict(messageKey: "placement.hours.closed") }
        let placementID = try placement.requireID()
        guard let start = placement.startDate, let end = placement.endDate else {
            throw AppError.conflict(messageKey: "placement.period.invalid")
        }
        if let problem = try await hoursPlan(of: placementID).problem(adding: step, periodStart: start, periodEnd: end) {
            throw FormErrors(fields: ["hours": problem.code])
        }
        try await database.writingTransaction { db in
            let row = PlacementHoursStep()
            row.$placement.id = placementID
            row.fromDate = step.from.description
            row.hoursPerWeek = step.hoursPerWeek
            row.createdBy = actor.userID
            row.createdAt = clock.now()
            try await row.create(on: db)
            try await PlacementHistory(database: db, clock: clock).record(
                .hours, placement: placement, date: step.from, note: String(step.hoursPerWeek), by: actor)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placement, recordID: placementID, detail: "hours from \(step.from)=\(step.hoursPerWeek)")
        }
    }

    // MARK: Agreement

    struct AgreementInput: Sendable {
        var purpose = ""
        var goals = ""
        var tasks = ""
        var supervisorName = ""
        var supervisorEmail = ""
        var supervisorPhone = ""
        var supervisorLanguage = "sv"
    }

    static let maximumAgreementText = 2_000

    func agreement(of placementID: UUID) async throws -> PlacementAgreement? {
        try await PlacementAgreement.query(on: database).filter(\.$placement.$id == placementID).first()
    }

    /// Saves the agreement. A change of what was agreed starts a new version: both confirmations are
    /// cleared and both parties get a new link to confirm (the old links die).
    func saveAgreement(_ input: AgreementInput, for placement: Placement, by actor: AuditLog.Actor) async throws {
        guard placement.placementStatus.holdsSeat else { throw AppError.conflict(messageKey: "placement.agreement.closed") }
        var errors = FormErrors()
        let trimmed = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let goals = trimmed(input.goals), tasks = trimmed(input.tasks), name = trimmed(input.supervisorName)
        let email = trimmed(input.supervisorEmail).lowercased(), phone = trimmed(input.supervisorPhone)
        if goals.isEmpty { errors.add("goals", "form.required") }
        if tasks.isEmpty { errors.add("tasks", "form.required") }
        if name.isEmpty { errors.add("supervisorName", "form.required") }
        for (field, text, limit) in [
            ("goals", goals, Self.maximumAgreementText), ("tasks", tasks, Self.maximumAgreementText), ("supervisorName", name, 200),
            ("supervisorPhone", phone, 40),
        ] where text.count > limit {
            errors.add(field, "placement.too-long")
        }
        if !email.isEmpty, !EmailAddress.looksValid(email) { errors.add("supervisorEmail", "form.email.invalid") }
        if !PlacementDecisionService.languages.contains(input.supervisorLanguage) {
            errors.add("supervisorLanguage", "placement.language.unknown")
        }
        let programme = placement.programme ?? ""
        if try await PlacementProgrammes(database: database).purpose(input.purpose, of: programme)?.isActive != true {
            errors.add("purpose", "placement.purpose.unknown")
        }
        try errors.throwIfAny()
        let placementID = try placement.requireID()
        // A supervisor who is one of the workplace's contacts gets the forms in the employer portal too.
        let supervisorUser = try await supervisorAccount(email: email, workplaceID: placement.$workplace.id)
        let existing = try await agreement(of: placementID)
        let agreement = existing ?? PlacementAgreement()
        let changed =
            existing == nil || agreement.purpose != input.purpose || agreement.goals != goals || agreement.tasks != tasks
            || agreement.supervisorName != name || (agreement.supervisorEmail ?? "") != email
        agreement.$placement.id = placementID
        agreement.participantID = placement.$participant.id
        agreement.purpose = input.purpose
        agreement.goals = goals
        agreement.tasks = tasks
        agreement.supervisorName = name
        agreement.supervisorEmail = email.isEmpty ? nil : email
        agreement.supervisorPhone = phone.isEmpty ? nil : phone
        agreement.$supervisorUser.id = supervisorUser
        agreement.supervisorLanguage = input.supervisorLanguage
        agreement.updatedBy = actor.userID
        agreement.updatedAt = clock.now()
        if changed {
            agreement.version = (existing?.version ?? 0) + 1
            agreement.participantConfirmedAt = nil
            agreement.supervisorConfirmedAt = nil
        }
        try await database.writingTransaction { db in
            try await agreement.save(on: db)
            try await db.sql.raw(
                "UPDATE placements SET purpose = \(bind: input.purpose), updated_at = \(bind: clock.now()) WHERE id = \(bind: placementID)"
            ).run()
            try await PlacementHistory(database: db, clock: clock).record(
                .agreement, placement: placement, note: "version \(agreement.version)", by: actor)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placement, recordID: placementID, detail: "agreement version \(agreement.version)")
            if changed { try await sendConfirmationLinks(agreement, placement: placement, on: db) }
        }
    }

    private func supervisorAccount(email: String, workplaceID: UUID) async throws -> UUID? {
        guard !email.isEmpty, let user = try await User.query(on: database).filter(\.$email == email).first(),
            user.role == Role.employerContact.rawValue, let userID = user.id,
            try await WorkplaceContact.query(on: database).filter(\.$user.$id == userID).filter(\.$workplace.$id == workplaceID).count() > 0
        else { return nil }
        return userID
    }

    private func sendConfirmationLinks(_ agreement: PlacementAgreement, placement: Placement, on db: any Database) async throws {
        let agreementID = try agreement.requireID()
        let placementID = try placement.requireID()
        let links = PlacementLinks(database: db, clock: clock)
        try await links.revoke(subject: agreementID)
        let expiry = FollowUpSchedule.linkExpiry(sentOn: try clock.today())
        let mail = PlacementMail(database: db, clock: clock, translations: translations)
        guard let participant = try await Participant.find(placement.$participant.id, on: db), participant.erasedAt == nil else { return }
        if let email = participant.email, !email.isEmpty {
            let token = try await links.issue(.agreementParticipant, subject: agreementID, placementID: placementID, expiresOn: expiry)
            try await mail.send(
                to: email, subjectKey: "agreement.mail.participant.subject", bodyKey: "agreement.mail.participant.body",
                arguments: [
                    participant.firstName ?? "", PlacementLinks.url(.agreementLink(token), publicURL: publicURL), expiry.description,
                ],
                language: placement.participantLanguage(participant), participantID: participant.id)
        }
        if let email = agreement.supervisorEmail {
            let token = try await links.issue(.agreementSupervisor, subject: agreementID, placementID: placementID, expiresOn: expiry)
            try await mail.send(
                to: email, subjectKey: "agreement.mail.supervisor.subject", bodyKey: "agreement.mail.supervisor.body",
                arguments: [
                    participant.firstName ?? "", PlacementLinks.url(.agreementLink(token), publicURL: publicURL), expiry.description,
                ],
                language: agreement.supervisorLanguage, participantID: nil)
        }
    }

    /// A party confirms the agreement through their link. Confirming twice changes nothing.
    func confirmAgreement(_ link: PlacementLink) async throws {
        guard let agreement = try await PlacementAgreement.find(link.subjectID, on: database),
            let kind = PlacementLink.Kind(rawValue: link.kind)
        else { throw AppError.notFound }
        let column = kind == .agreementParticipant ? "participant_confirmed_at" : "supervisor_confirmed_at"
        let agreementID = try agreement.requireID()
        try await database.writingTransaction { db in
            struct Row: Decodable { let id: UUID }
            let confirmed = try await db.sql.raw(
                """
                UPDATE placement_agreements SET \(ident: column) = \(bind: clock.now())
                WHERE id = \(bind: agreementID) AND \(ident: column) IS NULL RETURNING id
                """
            ).all(decoding: Row.self)
            guard !confirmed.isEmpty, let placement = try await Placement.find(agreement.$placement.id, on: db) else { return }
            let actor = AuditLog.Actor(userID: nil, role: "link:" + link.kind, clientAddress: nil)
            try await PlacementHistory(database: db, clock: clock).record(
                .agreementConfirmed, placement: placement, note: kind == .agreementParticipant ? "participant" : "supervisor", by: actor)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placement, recordID: placement.id, detail: "agreement confirmed by \(link.kind)")
        }
    }

    // MARK: Hire at the workplace

    /// "Did this placement lead to a job with you?", answered by the employer (or for them).
    func recordHire(_ hired: Bool, kind: EmploymentKind?, for placement: Placement, by actor: AuditLog.Actor) async throws {
        guard placement.placementStatus.hasRun || placement.placementStatus == .active else {
            throw AppError.conflict(messageKey: "placement.hire.not-yet")
        }
        if hired, kind == nil { throw FormErrors(fields: ["kind": "form.required"]) }
        let placementID = try placement.requireID()
        try await database.writingTransaction { db in
            try await db.sql.raw(
                """
                UPDATE placements SET hired_by_host = \(bind: hired), employment_kind = \(bind: hired ? kind?.rawValue : nil),
                  updated_at = \(bind: clock.now()) WHERE id = \(bind: placementID)
                """
            ).run()
            try await PlacementHistory(database: db, clock: clock).record(
                .hiredByHost, placement: placement, note: hired ? (kind?.rawValue ?? "yes") : "no", by: actor)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placement, recordID: placementID, detail: "hired_by_host=\(hired)")
        }
        placement.hiredByHost = hired
        placement.employmentKind = hired ? kind?.rawValue : nil
    }
}

extension Request {
    var placementService: PlacementService {
        PlacementService(
            database: db, clock: application.clock, translations: application.translations, publicURL: application.settings.publicURL)
    }

    var followUpService: FollowUpService {
        FollowUpService(
            database: db, clock: application.clock, translations: application.translations, publicURL: application.settings.publicURL)
    }

    var outcomeService: OutcomeService {
        OutcomeService(
            database: db, clock: application.clock, translations: application.translations, publicURL: application.settings.publicURL)
    }
}
