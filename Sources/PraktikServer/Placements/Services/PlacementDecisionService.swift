import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Decides placements: checks every prerequisite (`PlacementDecision`), then takes the seat and
/// writes the placement in one transaction. The web form, the selection capability (an accepted
/// offer becomes a planned placement) and the demo all decide through here.
///
/// A decision raced by two case workers creates one placement: the seat is taken by one
/// conditional UPDATE as the transaction's first write (`PlaceSeats.take`), the participant's row is
/// then locked and overlapping placements counted again before the insert.
struct PlacementDecisionService: Sendable {
    let database: any Database
    let clock: AppClock

    /// What is decided. `end` nil: the programme's default length for the person's benefit group.
    struct Input: Sendable {
        enum Basis: Sendable {
            /// From an intake application; `eligibleOrCleared` is the intake's screening answer.
            case application(id: UUID, eligibleOrCleared: Bool)
            case direct(justification: String)
        }

        var participantID: UUID
        var placeID: UUID
        var programme: String
        var start: CivilDate
        var end: CivilDate?
        var basis: Basis
        var purpose: String?
        /// The participant's language for the letter and forms (`sv`, `en`, `da`); nil: the
        /// programme's country decides.
        var language: String?
        /// Also recorded as the decision's justification for an application (optional there).
        var note: String?
    }

    /// The decision was refused; every reason is listed.
    struct Refused: Error, Sendable {
        let refusals: [PlacementDecision.Refusal]
    }

    static let languages = ["sv", "en", "da"]

    /// Decides in a transaction of its own.
    func decide(_ input: Input, by actor: AuditLog.Actor) async throws -> Placement {
        let checked = try await check(input)
        return try await database.writingTransaction { db in try await write(checked, by: actor, on: db) }
    }

    /// Decides inside the caller's transaction (`db`), for a caller that writes more in the same
    /// transaction (the selection's accepted offer). The seat is taken as this call's first write;
    /// call it before writing anything else in that transaction.
    func decide(_ input: Input, by actor: AuditLog.Actor, inTransaction db: any Database) async throws -> Placement {
        let checked = try await check(input)
        return try await write(checked, by: actor, on: db)
    }

    struct Checked: Sendable {
        let input: Input
        let participant: Participant
        let place: Place
        let programme: PlacementProgramme
        let end: CivilDate
        let language: String
        let justification: String?
    }

    /// Validates the input and every prerequisite, without writing. `holding`: the placement being
    /// decided already holds its seat (an accepted offer), so its seat and its period are its own.
    func check(_ input: Input, holding: UUID? = nil) async throws -> Checked {
        var errors = FormErrors()
        let programmes = PlacementProgrammes(database: database)
        let programme = try await programmes.find(code: input.programme)
        if programme == nil || programme?.isActive == false { errors.add("programme", "placement.programme.unknown") }
        guard let participant = try await Participant.find(input.participantID, on: database) else { throw AppError.notFound }
        guard let place = try await Place.find(input.placeID, on: database) else {
            errors.add("placeID", "placement.place.required")
            throw errors
        }
        if let purpose = input.purpose, !purpose.isEmpty, let programme,
            try await programmes.purpose(purpose, of: programme.code)?.isActive != true
        {
            errors.add("purpose", "placement.purpose.unknown")
        }
        if let language = input.language, !Self.languages.contains(language) { errors.add("language", "placement.language.unknown") }
        var justification: String?
        switch input.basis {
        case .direct(let text): justification = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .application: justification = input.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if (justification?.count ?? 0) > PlacementDecision.maximumJustificationLength { errors.add("justification", "placement.too-long") }
        try errors.throwIfAny()
        guard let programme else { throw errors }

        let length = try await programmes.defaultLength(of: programme, for: participant.benefitType)
        guard let end = input.end ?? length.end(startingOn: input.start) else { throw FormErrors(fields: ["end": "form.date"]) }
        let consents = ConsentService(database: database, clock: clock)
        var missing: [String] = []
        for purpose in programme.requiredConsentCodes where try await !consents.isActive(purpose, for: input.participantID) {
            missing.append(purpose)
        }
        let basis: PlacementDecision.Basis =
            switch input.basis {
            case .application(_, let eligible): .application(eligibleOrCleared: eligible)
            case .direct(let text): .direct(justification: text)
            }
        var placeFacts = try await PlaceUsabilityService(database: database).facts(for: place)
        if holding != nil {
            placeFacts.seatsTaken = max(0, placeFacts.seatsTaken - 1)
            if placeFacts.status == .filled { placeFacts.status = .open }
        }
        let facts = PlacementDecision.Facts(
            today: try clock.today(), basis: basis,
            participantStatus: ParticipantStatus(rawValue: participant.status) ?? .exited, participantErased: participant.erasedAt != nil,
            start: input.start, end: end, maximumDays: programme.maximumLength?.days(startingOn: input.start),
            place: placeFacts, missingConsents: missing,
            overlappingPlacements: try await overlapping(
                participantID: input.participantID, start: input.start, end: end, excluding: holding, on: database))
        let refusals = PlacementDecision.refusals(facts)
        guard refusals.isEmpty else { throw Refused(refusals: refusals) }
        // The person's own language first; for someone without one, the programme's country decides.
        let language = input.language ?? participant.messageLanguage ?? (programme.country == "DK" ? "da" : "sv")
        return Checked(
            input: input, participant: participant, place: place, programme: programme, end: end, language: language,
            justification: justification?.isEmpty == true ? nil : justification)
    }

    private func write(_ checked: Checked, by actor: AuditLog.Actor, on db: any Database) async throws -> Placement {
        let input = checked.input
        let placeID = try checked.place.requireID()
        guard try await PlaceSeats.take(placeID: placeID, on: db) else { throw Refused(refusals: [.init(.noSeat)]) }
        try await Self.lockParticipant(input.participantID, on: db)
        if try await overlapping(participantID: input.participantID, start: input.start, end: checked.end, on: db) > 0 {
            throw Refused(refusals: [.init(.overlapping)])
        }
        let placement = try Self.plannedPlacement(
            participant: checked.participant, place: checked.place, programme: checked.programme.code, start: input.start,
            end: checked.end, language: checked.language, now: clock.now())
        placement.purpose = (input.purpose?.isEmpty ?? true) ? nil : input.purpose
        placement.decidedAt = clock.now()
        placement.$decidedBy.id = actor.userID
        placement.justification = checked.justification
        switch input.basis {
        case .application(let id, _):
            placement.origin = PlacementOrigin.application.rawValue
            placement.applicationID = id
        case .direct:
            placement.origin = PlacementOrigin.direct.rawValue
        }
        try await placement.create(on: db)
        try await recordDecision(of: placement, checked, by: actor, on: db)
        try await AuditLog(database: db, clock: clock).record(
            .create, by: actor, recordType: .placement, recordID: try placement.requireID(),
            detail: "participant=\(input.participantID.uuidString) place=\(placeID.uuidString)")
        return placement
    }

    /// What every decision writes besides the placement row: the hours plan's first step, the
    /// history, the follow-up forms, and for an application the step in the intake's funnel.
    private func recordDecision(of placement: Placement, _ checked: Checked, by actor: AuditLog.Actor, on db: any Database) async throws {
        let input = checked.input
        let step = PlacementHoursStep()
        step.$placement.id = try placement.requireID()
        step.fromDate = input.start.description
        step.hoursPerWeek = min(max(checked.place.hoursPerWeek, HoursPlan.hoursRange.lowerBound), HoursPlan.hoursRange.upperBound)
        step.createdBy = actor.userID
        step.createdAt = clock.now()
        try await step.create(on: db)

        try await PlacementHistory(database: db, clock: clock).record(
            .decided, placement: placement, to: .planned, date: input.start, note: checked.justification, by: actor)
        try await FollowUpPlanner(database: db, clock: clock).createForms(for: placement)
        if case .application(let applicationID, _) = input.basis {
            try await db.sql.raw(
                """
                UPDATE applications SET placement_decided_at = \(bind: clock.now()),
                  status = CASE WHEN status = \(bind: ApplicationStatus.offered.rawValue) THEN \(bind: ApplicationStatus.placed.rawValue) ELSE status END,
                  status_changed_at = \(bind: clock.now())
                WHERE id = \(bind: applicationID)
                """
            ).run()
        }
    }

    /// What the case worker settles when deciding an accepted offer.
    struct AwaitingInput: Sendable {
        var programme: String
        var purpose: String?
        var start: CivilDate
        var end: CivilDate?
        var justification: String?
    }

    /// Decides a placement that waits for the authority (an accepted offer, `isAwaitingDecision`):
    /// every prerequisite of a decision is checked as for a new one, except the seat, which the
    /// placement already holds. Of two case workers deciding at once, one decides; the other is told.
    func decideAwaiting(_ placement: Placement, _ awaiting: AwaitingInput, by actor: AuditLog.Actor) async throws -> Placement {
        guard placement.isAwaitingDecision, let applicationID = placement.applicationID,
            let application = try await IntakeApplication.find(applicationID, on: database)
        else { throw AppError.conflict(messageKey: "placement.changed-meanwhile") }
        let placementID = try placement.requireID()
        let eligible = try await IntakeEligibility(database: database).isGreenOrCleared(
            participantID: placement.$participant.id, intakeID: application.$intake.id)
        let checked = try await check(
            Input(
                participantID: placement.$participant.id, placeID: placement.$place.id, programme: awaiting.programme,
                start: awaiting.start,
                end: awaiting.end, basis: .application(id: applicationID, eligibleOrCleared: eligible), purpose: awaiting.purpose,
                language: placement.language, note: awaiting.justification),
            holding: placementID)
        return try await database.writingTransaction { db in
            // The first write, conditional on the placement still waiting: one decision wins.
            struct Row: Decodable { let id: UUID }
            let purpose = (awaiting.purpose?.isEmpty ?? true) ? nil : awaiting.purpose
            let decided = try await db.sql.raw(
                """
                UPDATE placements SET decided_at = \(bind: clock.now()), decided_by = \(bind: actor.userID),
                  programme = \(bind: checked.programme.code), purpose = \(bind: purpose), planned_start = \(bind: awaiting.start.description),
                  planned_end = \(bind: checked.end.description), justification = \(bind: checked.justification),
                  language = \(bind: checked.language), updated_at = \(bind: clock.now())
                WHERE id = \(bind: placementID) AND status = \(bind: PlacementStatus.planned.rawValue) AND decided_at IS NULL
                RETURNING id
                """
            ).all(decoding: Row.self)
            guard !decided.isEmpty else { throw AppError.conflict(messageKey: "placement.changed-meanwhile") }
            try await Self.lockParticipant(placement.$participant.id, on: db)
            if try await overlapping(
                participantID: placement.$participant.id, start: awaiting.start, end: checked.end, excluding: placementID, on: db) > 0
            {
                throw Refused(refusals: [.init(.overlapping)])
            }
            guard let stored = try await Placement.find(placementID, on: db) else { throw AppError.notFound }
            try await recordDecision(of: stored, checked, by: actor, on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placement, recordID: placementID, detail: "decided accepted offer")
            return stored
        }
    }

    /// A planned placement of `participant` at `place`, not yet decided and not yet stored: the one
    /// way a placement row is filled, for a decision and for an accepted offer awaiting one.
    static func plannedPlacement(
        participant: Participant, place: Place, programme: String, start: CivilDate, end: CivilDate, language: String, now: Date
    ) throws -> Placement {
        let placement = Placement()
        placement.$participant.id = try participant.requireID()
        placement.$place.id = try place.requireID()
        placement.$workplace.id = place.$workplace.id
        placement.$unit.id = participant.$unit.id
        placement.status = PlacementStatus.planned.rawValue
        placement.plannedStart = start.description
        placement.plannedEnd = end.description
        placement.programme = programme
        placement.benefitType = participant.benefitType
        placement.regime = place.regime
        placement.language = language
        placement.updatedAt = now
        return placement
    }

    /// Locks the participant's row until the transaction ends (on PostgreSQL; SQLite already holds
    /// its one write lock): a second decision or acceptance for the same person waits here and then
    /// sees the first one's placement when it counts overlaps.
    static func lockParticipant(_ participantID: UUID, on db: any Database) async throws {
        try await db.sql.raw("UPDATE participants SET status = status WHERE id = \(bind: participantID)").run()
    }

    /// The person's planned and running placements whose period shares a day with `start...end`.
    func overlapping(participantID: UUID, start: CivilDate, end: CivilDate, excluding: UUID? = nil, on db: any Database) async throws
        -> Int
    {
        struct Count: Decodable { let n: Int }
        var query: SQLQueryString = """
            SELECT COUNT(*) AS n FROM placements
            WHERE participant_id = \(bind: participantID) AND status IN (\(binds: PlacementStatus.allCases.filter(\.holdsSeat).map(\.rawValue)))
              AND COALESCE(actual_start, planned_start) <= \(bind: end.description)
              AND COALESCE(actual_end, planned_end) >= \(bind: start.description)
            """
        if let excluding { query += " AND id <> \(bind: excluding)" }
        return try await db.sql.raw(query).first(decoding: Count.self)?.n ?? 0
    }
}

/// Writes a placement's history (`placement_events`) and the matching audit entry.
struct PlacementHistory: Sendable {
    let database: any Database
    let clock: AppClock

    func record(
        _ kind: PlacementEvent.Kind, placement: Placement, from: PlacementStatus? = nil, to: PlacementStatus? = nil,
        date: CivilDate? = nil, reason: String? = nil, note: String? = nil, previousEnd: String? = nil, by actor: AuditLog.Actor
    ) async throws {
        let event = PlacementEvent()
        event.$placement.id = try placement.requireID()
        event.participantID = placement.$participant.id
        event.kind = kind.rawValue
        event.fromStatus = from?.rawValue
        event.toStatus = to?.rawValue
        event.onDate = date?.description
        event.reason = reason
        event.note = note
        event.previousEnd = previousEnd
        event.actorUserID = actor.userID
        event.actorRole = actor.role
        event.occurredAt = clock.now()
        try await event.create(on: database)
    }
}
