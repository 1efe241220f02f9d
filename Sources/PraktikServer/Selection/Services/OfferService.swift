import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// Offers (issue 12): the employer contact selects a candidate from a published shortlist, the
/// candidate gets a signed link by mail and accepts or declines it. Accepting takes a seat with
/// `PlaceSeats.take` as the transaction's first write and makes a planned placement that waits for
/// the authority's decision (`decided_at` empty), so no place is ever above its capacity, however
/// many people accept at once.
struct OfferService: Sendable {
    let database: any Database
    let clock: AppClock
    let translations: Translations
    let publicURL: String

    /// How long a candidate has to answer, counting today: a week, so an employer whose candidate
    /// does not answer can offer the seat to the next one soon.
    static let answerDays = 7

    /// How a case worker took down an answer (`recordAnswer`): a sentence, not a report.
    static let maximumHowLength = 500

    /// Why an offer could not be made or answered; `rawValue` is the translation key of the sentence.
    enum Refusal: String, Error, Sendable, CaseIterable {
        /// Every seat is taken by now (someone accepted first, or a decision took it).
        case placeFull = "offer.refusal.place-full"
        /// The place can no longer be used: a required employer check expired, the place was closed.
        case placeUnusable = "offer.refusal.place-unusable"
        /// As many offers wait for an answer as the place has free seats.
        case noFreeSeat = "offer.refusal.no-free-seat"
        case alreadyOffered = "offer.refusal.already-offered"
        /// The candidate already holds a place for the period, or left the intake.
        case candidateUnavailable = "offer.refusal.candidate-unavailable"
        case answered = "offer.refusal.answered"
        case expired = "offer.refusal.expired"
    }

    // MARK: Selecting

    /// The candidate `applicationID` on a shortlist of `placeID` in force, selected by
    /// the employer contact `userID`: an offer is stored and mailed. A place or candidate outside
    /// the contact's lists, or a candidate no longer sharing with employers, is "not found".
    @discardableResult
    func select(applicationID: UUID, placeID: UUID, byContact userID: UUID, actor: AuditLog.Actor) async throws -> Offer {
        let place = try await EmployerContactScope(database: database, userID: userID).place(placeID)
        guard let listed = try await listedCandidate(applicationID: applicationID, placeID: placeID),
            try await ConsentService(database: database, clock: clock).isActive(.employerProfile, for: listed.participantID),
            let participant = try await Participant.find(listed.participantID, on: database), participant.erasedAt == nil
        else { throw AppError.notFound }
        let today = try clock.today()
        guard case .allowed = try await PlaceUsabilityService(database: database).answer(for: place, on: today) else {
            throw Refusal.placeUnusable
        }
        // Still in the intake and green or cleared now: screening may have changed since the run.
        guard let application = try await IntakeApplication.find(applicationID, on: database),
            let status = ApplicationStatus(rawValue: application.status), status.isActive,
            try await IntakeEligibility(database: database).isGreenOrCleared(
                participantID: listed.participantID, intakeID: application.$intake.id)
        else { throw Refusal.candidateUnavailable }
        // The intake's period and the place's must share days, or the offer could never be accepted.
        guard let intake = try await Intake.find(application.$intake.id, on: database) else { throw Refusal.placeUnusable }
        _ = try placementPeriod(intake: intake, place: place, today: today)
        let language = participant.messageLanguage(or: .default).tag
        guard let expires = today.adding(days: Self.answerDays - 1) else { throw Refusal.placeUnusable }
        let token = SecretToken.generate()
        let offer = try await database.writingTransaction { db in
            // The place's row first, so two selections for its last free seat run one after the other.
            try await db.sql.raw("UPDATE places SET seats_taken = seats_taken WHERE id = \(bind: placeID)").run()
            let free = try await Self.freeSeats(placeID: placeID, capacity: place.capacity, today: today, on: db)
            guard free > 0 else { throw Refusal.noFreeSeat }
            let open = try await Offer.query(on: db).filter(\.$placeID == placeID).filter(\.$applicationID == applicationID)
                .filter(\.$status ~~ [OfferStatus.offered.rawValue, OfferStatus.accepted.rawValue]).count()
            guard open == 0 else { throw Refusal.alreadyOffered }
            let offer = Offer()
            offer.runID = listed.runID
            offer.placeID = placeID
            offer.applicationID = applicationID
            offer.participantID = listed.participantID
            offer.status = OfferStatus.offered.rawValue
            offer.tokenDigest = SecretToken.digest(of: token)
            offer.language = language
            offer.expiresOn = expires.description
            offer.createdBy = actor.userID
            offer.createdAt = clock.now()
            try await offer.create(on: db)
            try await ShortlistRequests.answer(employerID: place.$employer.id, at: clock.now(), on: db)
            // The funnel counts the first offer; an eligible application moves on to "offered".
            try await db.sql.raw(
                "UPDATE applications SET offered_at = \(bind: clock.now()) WHERE id = \(bind: applicationID) AND offered_at IS NULL"
            ).run()
            if (try? status.checkTransition(to: .offered, by: .system)) != nil {
                try await db.sql.raw(
                    """
                    UPDATE applications SET status = \(bind: ApplicationStatus.offered.rawValue), status_changed_at = \(bind: clock.now())
                    WHERE id = \(bind: applicationID) AND status = \(bind: status.rawValue)
                    """
                ).run()
            }
            if let address = participant.email, !address.isEmpty {
                let employer = try await Employer.find(place.$employer.id, on: db)
                try await PlacementMail(database: db, clock: clock, translations: translations).send(
                    to: address, subjectKey: "offer.mail.subject", bodyKey: "offer.mail.body",
                    arguments: [
                        participant.firstName ?? "", place.title, employer?.name ?? "",
                        PlacementLinks.url(.offerLink(token), publicURL: publicURL), expires.description,
                    ],
                    language: language, participantID: listed.participantID)
            }
            try await AuditLog(database: db, clock: clock).record(
                .create, by: actor, recordType: .application, recordID: applicationID,
                detail: "offer place=\(placeID.uuidString)")
            return offer
        }
        return offer
    }

    struct Listed: Sendable {
        let runID: UUID
        let participantID: UUID
    }

    /// The candidate's row on the place's list in a run of its intake in force (`ListsInForce`), if not removed.
    func listedCandidate(applicationID: UUID, placeID: UUID) async throws -> Listed? {
        struct Row: Decodable {
            let run_id: UUID
            let participant_id: UUID
        }
        let row = try await database.sql.raw(
            """
            SELECT mp.run_id, mp.participant_id FROM matching_proposals mp JOIN matching_runs r ON r.id = mp.run_id
            WHERE mp.place_id = \(bind: placeID) AND mp.application_id = \(bind: applicationID) AND mp.removed_at IS NULL
              AND \(ListsInForce.condition(run: "r"))
            """
        ).first(decoding: Row.self)
        return row.map { Listed(runID: $0.run_id, participantID: $0.participant_id) }
    }

    /// Seats neither taken nor promised to an offer still waiting for its answer.
    static func freeSeats(placeID: UUID, capacity: Int, today: CivilDate, on db: any Database) async throws -> Int {
        struct Count: Decodable { let n: Int }
        let waiting =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM offers
                WHERE place_id = \(bind: placeID) AND status = \(bind: OfferStatus.offered.rawValue) AND expires_on >= \(bind: today.description)
                """
            ).first(decoding: Count.self)?.n ?? 0
        return capacity - (try await PlaceSeats.seatsTaken(placeID: placeID, on: db)) - waiting
    }

    // MARK: Answering

    /// The offer a link's secret opens, in whatever state; nil for an unknown or malformed secret.
    func offer(forToken token: String) async throws -> Offer? {
        guard !token.isEmpty, token.utf8.count <= 100 else { return nil }
        return try await Offer.query(on: database).filter(\.$tokenDigest == SecretToken.digest(of: token)).first()
    }

    /// Accepts: takes a seat and makes a planned placement waiting for the authority's decision.
    /// The candidate's other waiting offers are withdrawn, so their seats go to someone else.
    /// `takenDown` is how a case worker was given the answer (`recordAnswer`), audited in the same
    /// transaction as the answer, so neither is stored without the other.
    func accept(_ offer: Offer, actor: AuditLog.Actor, takenDown how: String? = nil) async throws -> Placement {
        do {
            return try await takeSeat(for: offer, actor: actor, takenDown: how)
        } catch let refusal as Refusal where refusal == .placeFull || refusal == .candidateUnavailable {
            // Two answers to one offer at once (the link and the case worker, two case workers): the
            // later one sees the seat and the person's placement the first one took, but the reason
            // to give is that the offer was answered.
            if let now = try await Offer.find(try offer.requireID(), on: database), now.offerStatus != .offered {
                throw Refusal.answered
            }
            throw refusal
        }
    }

    private func takeSeat(for offer: Offer, actor: AuditLog.Actor, takenDown how: String?) async throws -> Placement {
        try checkAnswerable(offer)
        let offerID = try offer.requireID()
        guard let place = try await Place.find(offer.placeID, on: database),
            let participant = try await Participant.find(offer.participantID, on: database), participant.erasedAt == nil,
            let application = try await IntakeApplication.find(offer.applicationID, on: database),
            let intake = try await Intake.find(application.$intake.id, on: database),
            let programme = try await Programme.find(intake.$programme.id, on: database)
        else { throw Refusal.candidateUnavailable }
        let today = try clock.today()
        let period = try placementPeriod(intake: intake, place: place, today: today)
        try await checkPlace(place, today: today)
        let decisions = PlacementDecisionService(database: database, clock: clock)
        guard try await decisions.overlapping(participantID: offer.participantID, start: period.start, end: period.end, on: database) == 0
        else { throw Refusal.candidateUnavailable }
        return try await BusyDatabase.retrying {
            try await database.writingTransaction { db in
                // The first write: of everyone accepting the last seat at once, the database lets one through.
                guard try await PlaceSeats.take(placeID: offer.placeID, on: db) else { throw Refusal.placeFull }
                try await PlacementDecisionService.lockParticipant(offer.participantID, on: db)
                if try await decisions.overlapping(participantID: offer.participantID, start: period.start, end: period.end, on: db) > 0 {
                    throw Refusal.candidateUnavailable
                }
                let answered = try await answer(offerID, to: .accepted, on: db)
                guard answered else { throw Refusal.answered }
                let stored = try PlacementDecisionService.plannedPlacement(
                    participant: participant, place: place, programme: programme.code, start: period.start, end: period.end,
                    language: offer.language, now: clock.now())
                stored.origin = PlacementOrigin.application.rawValue
                stored.applicationID = offer.applicationID
                try await stored.create(on: db)
                let placementID = try stored.requireID()
                try await db.sql.raw("UPDATE offers SET placement_id = \(bind: placementID) WHERE id = \(bind: offerID)").run()
                try await withdrawOthers(of: offer.participantID, except: offerID, on: db)
                try await PlacementHistory(database: db, clock: clock).record(
                    .offerAccepted, placement: stored, to: .planned, date: period.start, by: actor)
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: actor, recordType: .placement, recordID: placementID,
                    detail: "offer accepted place=\(offer.placeID.uuidString)")
                try await auditTakenDown(how, accepted: true, applicationID: offer.applicationID, by: actor, on: db)
                return stored
            }
        }
    }

    /// Declines: nothing was taken, so nothing is given back. The application is eligible again
    /// unless another offer waits for the person.
    func decline(_ offer: Offer, actor: AuditLog.Actor, takenDown how: String? = nil) async throws {
        try checkAnswerable(offer)
        let offerID = try offer.requireID()
        try await BusyDatabase.retrying {
            try await database.writingTransaction { db in
                guard try await answer(offerID, to: .declined, on: db) else { throw Refusal.answered }
                try await reopenApplication(offer.applicationID, on: db)
                try await AuditLog(database: db, clock: clock).record(
                    .update, by: actor, recordType: .application, recordID: offer.applicationID,
                    detail: "offer declined place=\(offer.placeID.uuidString)")
                try await auditTakenDown(how, accepted: false, applicationID: offer.applicationID, by: actor, on: db)
            }
        }
    }

    /// The candidate's answer as their case worker took it down (on the phone, at a meeting): for a
    /// person without e-mail, whose offer link never reached them, or who would rather say it
    /// aloud. The same acceptance or refusal as by link; how it was given is audited, so it is
    /// required. `accepted` nil is no answer given: `FormErrors` name every missing field.
    func recordAnswer(accepted: Bool?, offerID: UUID, applicationID: UUID, how: String, actor: AuditLog.Actor) async throws {
        let how = how.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FormErrors()
        if accepted == nil { errors.fields["offerAnswer"] = "application.offer.answer-required" }
        if how.isEmpty || how.count > Self.maximumHowLength { errors.fields["offerHow"] = "application.offer.how-required" }
        guard errors.isEmpty, let accepted else { throw errors }
        guard let offer = try await Offer.find(offerID, on: database), offer.applicationID == applicationID else {
            throw AppError.notFound
        }
        if accepted {
            _ = try await accept(offer, actor: actor, takenDown: how)
        } else {
            try await decline(offer, actor: actor, takenDown: how)
        }
    }

    private func auditTakenDown(_ how: String?, accepted: Bool, applicationID: UUID, by actor: AuditLog.Actor, on db: any Database)
        async throws
    {
        guard let how else { return }
        try await AuditLog(database: db, clock: clock).record(
            .update, by: actor, recordType: .application, recordID: applicationID,
            detail: "offer answer taken by case worker: \(accepted ? "accepted" : "declined") how=\(how)")
    }

    /// The offers an application has had, newest first, with their places, for its page.
    struct Listing: Decodable, Sendable {
        let id: UUID
        let status: String
        let expires_on: String
        let title: String
        let employer_name: String
    }

    func offers(ofApplication applicationID: UUID) async throws -> [Listing] {
        try await database.sql.raw(
            """
            SELECT o.id, o.status, o.expires_on, p.title, e.name AS employer_name FROM offers o
            JOIN places p ON p.id = o.place_id JOIN employers e ON e.id = p.employer_id
            WHERE o.application_id = \(bind: applicationID) ORDER BY o.created_at DESC
            """
        ).all(decoding: Listing.self)
    }

    private func checkAnswerable(_ offer: Offer) throws {
        do { try offer.offerStatus.checkTransition(to: .accepted, by: .candidate) } catch { throw Refusal.answered }
        guard let expires = CivilDate(iso8601: offer.expiresOn), expires >= (try clock.today()) else { throw Refusal.expired }
    }

    /// The place as the candidate would join it: full, or unusable for another reason.
    private func checkPlace(_ place: Place, today: CivilDate) async throws {
        if PlaceStatus(rawValue: place.status) == .filled { throw Refusal.placeFull }
        let reasons = try await PlaceUsabilityService(database: database).answer(for: place, on: today).reasons
        if reasons.contains(where: { $0.code == .noFreeSeat }) { throw Refusal.placeFull }
        guard reasons.isEmpty else { throw Refusal.placeUnusable }
    }

    /// The intake's placement period, starting today at the earliest and within the place's own period.
    private func placementPeriod(intake: Intake, place: Place, today: CivilDate) throws -> (start: CivilDate, end: CivilDate) {
        guard let intakeStart = CivilDate(iso8601: intake.placementStart), let intakeEnd = CivilDate(iso8601: intake.placementEnd),
            let placeStart = CivilDate(iso8601: place.periodStart), let placeEnd = CivilDate(iso8601: place.periodEnd)
        else { throw Refusal.placeUnusable }
        let start = max(intakeStart, placeStart, today)
        let end = min(intakeEnd, placeEnd)
        guard start <= end else { throw Refusal.placeUnusable }
        return (start, end)
    }

    /// Moves a waiting offer to `target` if it still waits; false when someone answered first.
    private func answer(_ offerID: UUID, to target: OfferStatus, on db: any Database) async throws -> Bool {
        struct Row: Decodable { let id: UUID }
        return try await !db.sql.raw(
            """
            UPDATE offers SET status = \(bind: target.rawValue), answered_at = \(bind: clock.now())
            WHERE id = \(bind: offerID) AND status = \(bind: OfferStatus.offered.rawValue)
            RETURNING id
            """
        ).all(decoding: Row.self).isEmpty
    }

    /// The person's other waiting offers, taken back once they hold a place.
    private func withdrawOthers(of participantID: UUID, except offerID: UUID, on db: any Database) async throws {
        try await db.sql.raw(
            """
            UPDATE offers SET status = \(bind: OfferStatus.withdrawn.rawValue), answered_at = \(bind: clock.now())
            WHERE participant_id = \(bind: participantID) AND id <> \(bind: offerID) AND status = \(bind: OfferStatus.offered.rawValue)
            """
        ).run()
    }

    /// An offered application with no other waiting or accepted offer is eligible again.
    private func reopenApplication(_ applicationID: UUID, on db: any Database) async throws {
        try ApplicationStatus.offered.checkTransition(to: .eligible, by: .system)
        try await db.sql.raw(
            """
            UPDATE applications SET status = \(bind: ApplicationStatus.eligible.rawValue), status_changed_at = \(bind: clock.now())
            WHERE id = \(bind: applicationID) AND status = \(bind: ApplicationStatus.offered.rawValue)
              AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.application_id = \(bind: applicationID)
                AND o.status IN (\(binds: [OfferStatus.offered.rawValue, OfferStatus.accepted.rawValue])))
            """
        ).run()
    }
}

extension Request {
    var offerService: OfferService {
        OfferService(
            database: db, clock: application.clock, translations: application.translations, publicURL: application.settings.publicURL)
    }
}

/// What erasing a person does to their offers: a waiting offer is withdrawn (its seat can go to
/// someone else) and every link dies. Statuses and dates stay, anonymous, for the statistics.
enum OfferErasure {
    static func erase(participantID: UUID, on db: any Database, clock: AppClock) async throws {
        try await db.sql.raw(
            """
            UPDATE offers SET status = CASE WHEN status = \(bind: OfferStatus.offered.rawValue) THEN \(bind: OfferStatus.withdrawn.rawValue) ELSE status END,
              answered_at = COALESCE(answered_at, \(bind: clock.now())), token_digest = NULL
            WHERE participant_id = \(bind: participantID)
            """
        ).run()
    }
}
