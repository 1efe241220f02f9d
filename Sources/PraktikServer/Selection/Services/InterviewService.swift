import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// Interviews (issue 12): the employer contact proposes one to three times to a candidate on a
/// published list; the candidate confirms one, or answers that none suits, by a mailed link; after
/// the confirmed time the employer records whether it was held and how it went. The same scope
/// and consent check as `EmployerShortlists` and `OfferService.select`: a candidate the contact may
/// not see is "not found". Independent of offers.
struct InterviewService: Sendable {
    let database: any Database
    let clock: AppClock
    let translations: Translations
    let publicURL: String

    static let maximumNoteLength = 500

    /// Why an interview could not be proposed, answered or recorded; `rawValue` is the translation key.
    enum Refusal: String, Error, Sendable, CaseIterable {
        case alreadyProposed = "selection.interview.refusal.already-proposed"
        /// Outcome asked for an interview that is not confirmed (not answered, declined, already recorded).
        case notConfirmed = "selection.interview.refusal.not-confirmed"
        /// Outcome asked before the confirmed time.
        case notYetHeld = "selection.interview.refusal.not-yet"
        /// Cancel asked for an interview that is answered "no", held, cancelled, or confirmed for a time passed.
        case notOpen = "selection.interview.refusal.not-open"
        case answered = "interview.refusal.answered"
        case timePassed = "interview.refusal.time-passed"
    }

    /// The wall-clock time now where the job centres are.
    func localNow() throws -> InterviewTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilDate.calendarTimeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: clock.now())
        guard let year = parts.year, let month = parts.month, let day = parts.day, let date = CivilDate(year: year, month: month, day: day),
            let time = InterviewTime(date: date, hour: parts.hour ?? 0, minute: parts.minute ?? 0)
        else { throw AppError.unavailable }
        return time
    }

    // MARK: Proposing

    struct Proposal: Sendable {
        var times: [String?]
        var note: String?
    }

    /// Proposes times to the candidate `applicationID` on a list of `placeID` in force (`ListsInForce`)
    /// and mails them a link. Field problems come back as `FormErrors` (`time1`…`time3`, `note`).
    @discardableResult
    func propose(
        _ proposal: Proposal, applicationID: UUID, placeID: UUID, byContact userID: UUID, actor: AuditLog.Actor
    ) async throws -> Interview {
        let place = try await EmployerContactScope(database: database, userID: userID).place(placeID)
        let offers = OfferService(database: database, clock: clock, translations: translations, publicURL: publicURL)
        guard let listed = try await offers.listedCandidate(applicationID: applicationID, placeID: placeID),
            try await ConsentService(database: database, clock: clock).isActive(.employerProfile, for: listed.participantID),
            let participant = try await Participant.find(listed.participantID, on: database), participant.erasedAt == nil
        else { throw AppError.notFound }
        let times: [InterviewTime]
        var errors = FormErrors()
        switch InterviewProposal.check(proposal.times, now: try localNow()) {
        case .success(let checked): times = checked
        case .failure(let problems):
            times = []
            for (index, problem) in problems.byField { errors.add("time\(index + 1)", problem.rawValue) }
        }
        let note = proposal.note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if note.count > Self.maximumNoteLength { errors.add("note", "selection.interview.note-too-long") }
        guard errors.isEmpty, let first = times.first else { throw errors }
        let language = participant.messageLanguage(or: .default).tag
        let token = SecretToken.generate()
        let now = clock.now()
        return try await database.writingTransaction { db in
            let open = try await Interview.query(on: db).filter(\.$placeID == placeID).filter(\.$applicationID == applicationID)
                .filter(\.$status ~~ [InterviewStatus.proposed.rawValue, InterviewStatus.confirmed.rawValue]).count()
            guard open == 0 else { throw Refusal.alreadyProposed }
            let interview = Interview()
            interview.runID = listed.runID
            interview.placeID = placeID
            interview.applicationID = applicationID
            interview.participantID = listed.participantID
            interview.status = InterviewStatus.proposed.rawValue
            interview.time1 = first.description
            interview.time2 = times.count > 1 ? times[1].description : nil
            interview.time3 = times.count > 2 ? times[2].description : nil
            interview.addressNote = note.isEmpty ? nil : note
            interview.tokenDigest = SecretToken.digest(of: token)
            interview.language = language
            interview.createdBy = actor.userID
            interview.createdAt = now
            interview.updatedAt = now
            try await interview.create(on: db)
            try await ShortlistRequests.answer(employerID: place.$employer.id, at: now, on: db)
            if let address = participant.email, !address.isEmpty {
                let employer = try await Employer.find(place.$employer.id, on: db)
                let formatting = LocalFormatting(language: PlacementMail.language(language))
                let list = times.map { "- " + Self.text($0, formatting) }.joined(separator: "\n")
                try await PlacementMail(database: db, clock: clock, translations: translations).send(
                    to: address, subjectKey: "interview.mail.subject", bodyKey: "interview.mail.body",
                    arguments: [
                        participant.firstName ?? "", place.title, employer?.name ?? "", list,
                        PlacementLinks.url(.interviewLink(token), publicURL: publicURL),
                    ],
                    language: language, participantID: listed.participantID)
            }
            try await AuditLog(database: db, clock: clock).record(
                .create, by: actor, recordType: .application, recordID: applicationID,
                detail: "interview proposed place=\(placeID.uuidString)")
            return interview
        }
    }

    /// A time as people read it: the date in their language and the clock time.
    static func text(_ time: InterviewTime, _ formatting: LocalFormatting) -> String {
        formatting.date(time.date) + " " + time.clock
    }

    // MARK: Answering

    /// The interview a link's secret opens, in whatever state; nil for an unknown or malformed secret.
    func interview(forToken token: String) async throws -> Interview? {
        guard !token.isEmpty, token.utf8.count <= 100 else { return nil }
        return try await Interview.query(on: database).filter(\.$tokenDigest == SecretToken.digest(of: token)).first()
    }

    /// The proposed times still ahead: the ones the candidate may choose.
    func choosable(_ interview: Interview) throws -> [(index: Int, time: InterviewTime)] {
        let now = try localNow()
        return interview.proposedTimes.enumerated().filter { $0.element > now }.map { ($0.offset, $0.element) }
    }

    /// Confirms the proposed time number `index` (0-based), if still ahead and not answered.
    func confirm(_ interview: Interview, index: Int, actor: AuditLog.Actor) async throws {
        try checkAnswerable(interview, to: .confirmed)
        guard let chosen = try choosable(interview).first(where: { $0.index == index })?.time else { throw Refusal.timePassed }
        try await answer(interview, to: .confirmed, chosen: chosen, actor: actor)
    }

    /// None of the times suits the candidate.
    func decline(_ interview: Interview, actor: AuditLog.Actor) async throws {
        try checkAnswerable(interview, to: .declined)
        try await answer(interview, to: .declined, chosen: nil, actor: actor)
    }

    private func checkAnswerable(_ interview: Interview, to target: InterviewStatus) throws {
        do { try interview.interviewStatus.checkTransition(to: target, by: .candidate) } catch { throw Refusal.answered }
    }

    private func answer(_ interview: Interview, to target: InterviewStatus, chosen: InterviewTime?, actor: AuditLog.Actor) async throws {
        let interviewID = try interview.requireID()
        let now = clock.now()
        try await BusyDatabase.retrying {
            try await database.writingTransaction { db in
                struct Row: Decodable { let id: UUID }
                let changed = try await db.sql.raw(
                    """
                    UPDATE interviews SET status = \(bind: target.rawValue), chosen_time = \(bind: chosen?.description),
                      answered_at = \(bind: now), updated_at = \(bind: now)
                    WHERE id = \(bind: interviewID) AND status = \(bind: InterviewStatus.proposed.rawValue)
                    RETURNING id
                    """
                ).all(decoding: Row.self)
                guard !changed.isEmpty else { throw Refusal.answered }
                try await AuditLog(database: db, clock: clock).record(
                    .update, by: actor, recordType: .application, recordID: interview.applicationID,
                    detail: "interview \(target.rawValue) place=\(interview.placeID.uuidString)")
            }
        }
    }

    // MARK: Outcome

    /// What the employer records after the confirmed time.
    enum OutcomeChoice: String, Sendable, CaseIterable {
        case suitable
        case notSuitable = "not_suitable"
        case noShow = "no_show"
    }

    /// Records the outcome of a confirmed interview whose time has passed. An interview outside the
    /// contact's places, or of a person no longer sharing with employers, is "not found".
    func recordOutcome(_ result: OutcomeChoice, interviewID: UUID, byContact userID: UUID, actor: AuditLog.Actor) async throws {
        guard let interview = try await Interview.find(interviewID, on: database) else { throw AppError.notFound }
        _ = try await EmployerContactScope(database: database, userID: userID).place(interview.placeID)
        guard try await ConsentService(database: database, clock: clock).isActive(.employerProfile, for: interview.participantID)
        else { throw AppError.notFound }
        let target: InterviewStatus = result == .noShow ? .noShow : .held
        do { try interview.interviewStatus.checkTransition(to: target, by: .employer) } catch { throw Refusal.notConfirmed }
        guard let confirmed = interview.confirmedTime, confirmed <= (try localNow()) else { throw Refusal.notYetHeld }
        let outcome: String? =
            switch result {
            case .suitable: InterviewOutcome.suitable.rawValue
            case .notSuitable: InterviewOutcome.notSuitable.rawValue
            case .noShow: nil
            }
        let now = clock.now()
        try await database.writingTransaction { db in
            struct Row: Decodable { let id: UUID }
            let changed = try await db.sql.raw(
                """
                UPDATE interviews SET status = \(bind: target.rawValue), outcome = \(bind: outcome), updated_at = \(bind: now)
                WHERE id = \(bind: interviewID) AND status = \(bind: InterviewStatus.confirmed.rawValue)
                RETURNING id
                """
            ).all(decoding: Row.self)
            guard !changed.isEmpty else { throw Refusal.notConfirmed }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: interview.applicationID,
                detail: "interview \(result.rawValue) place=\(interview.placeID.uuidString)")
        }
    }
}

extension InterviewService {
    // MARK: Cancelling

    /// Whether the employer may still call `interview` off: waiting for the candidate's answer, or
    /// confirmed for a time still ahead (after it, the employer records how it went instead).
    static func mayCancel(status: InterviewStatus, confirmedTime: InterviewTime?, now: InterviewTime) -> Bool {
        switch status {
        case .proposed: true
        case .confirmed: confirmedTime.map { $0 > now } ?? false
        default: false
        }
    }

    /// The contact calls off an interview (`mayCancel`). The candidate's link then says it is
    /// cancelled, a candidate with an e-mail address is told, and the employer may propose new
    /// times. An interview outside the contact's places, or of a person no longer sharing with
    /// employers, is "not found".
    func cancel(interviewID: UUID, byContact userID: UUID, actor: AuditLog.Actor) async throws {
        guard let interview = try await Interview.find(interviewID, on: database) else { throw AppError.notFound }
        let place = try await EmployerContactScope(database: database, userID: userID).place(interview.placeID)
        guard try await ConsentService(database: database, clock: clock).isActive(.employerProfile, for: interview.participantID),
            let participant = try await Participant.find(interview.participantID, on: database), participant.erasedAt == nil
        else { throw AppError.notFound }
        do { try interview.interviewStatus.checkTransition(to: .cancelled, by: .employer) } catch { throw Refusal.notOpen }
        guard Self.mayCancel(status: interview.interviewStatus, confirmedTime: interview.confirmedTime, now: try localNow())
        else { throw Refusal.notOpen }
        let now = clock.now()
        let open = [InterviewStatus.proposed.rawValue, InterviewStatus.confirmed.rawValue]
        try await database.writingTransaction { db in
            struct Row: Decodable { let id: UUID }
            // The status is checked again as it is changed: a candidate answering meanwhile wins.
            let changed = try await db.sql.raw(
                """
                UPDATE interviews SET status = \(bind: InterviewStatus.cancelled.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: interviewID) AND status = \(bind: interview.status)
                  AND status IN (\(binds: open))
                RETURNING id
                """
            ).all(decoding: Row.self)
            guard !changed.isEmpty else { throw Refusal.notOpen }
            if let address = participant.email, !address.isEmpty {
                let employer = try await Employer.find(place.$employer.id, on: db)
                try await PlacementMail(database: db, clock: clock, translations: translations).send(
                    to: address, subjectKey: "interview.mail.cancelled.subject", bodyKey: "interview.mail.cancelled.body",
                    arguments: [participant.firstName ?? "", place.title, employer?.name ?? ""],
                    language: interview.language, participantID: interview.participantID)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: interview.applicationID,
                detail: "interview cancelled place=\(interview.placeID.uuidString)")
        }
    }
}

extension Request {
    var interviewService: InterviewService {
        InterviewService(
            database: db, clock: application.clock, translations: application.translations, publicURL: application.settings.publicURL)
    }
}

/// What erasing a person does to their interviews: a proposed or confirmed one is cancelled and
/// every link dies. Statuses and dates stay, anonymous, for the statistics.
enum InterviewErasure {
    static func erase(participantID: UUID, on db: any Database, clock: AppClock) async throws {
        let open = [InterviewStatus.proposed.rawValue, InterviewStatus.confirmed.rawValue]
        try await db.sql.raw(
            """
            UPDATE interviews SET status = CASE WHEN status IN (\(binds: open)) THEN \(bind: InterviewStatus.cancelled.rawValue) ELSE status END,
              token_digest = NULL, updated_at = \(bind: clock.now())
            WHERE participant_id = \(bind: participantID)
            """
        ).run()
    }
}
