import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The places of an intake that still have empty seats, each with its reason (`UnfilledPlaceReason`)
/// computed from the records, or the case worker's own reason and note where one was given.
///
/// An intake's places are the approved places (open, filled or closed) of employers in the
/// programme's country whose period shares a day with the intake's placement period. Empty seats
/// and usability are read today, so on a closed intake the list says what stayed empty.
struct UnfilledPlaces: Sendable {
    let database: any Database
    let clock: AppClock
    /// Where its own SQL statements go when not to `database`: a report's `sql`, which the
    /// reports benchmark records (`PlacementReports.recorder`).
    var statements: (any SQLDatabase)? = nil

    struct Row: Sendable {
        let placeID: UUID
        let title: String
        let employer: String
        let employerIdentifier: String
        let occupationField: String
        let district: String
        let capacity: Int
        let emptySeats: Int
        let computed: UnfilledPlaceReason
        let override: UnfilledPlaceReason?
        let note: String?

        var reason: UnfilledPlaceReason { override ?? computed }
    }

    func rows(of intake: Intake) async throws -> [Row] {
        let sql = try statements ?? database.sql
        let intakeID = try intake.requireID()
        guard let programme = try await Programme.find(intake.$programme.id, on: database) else { throw AppError.notFound }
        let country = (ProgrammeKind(rawValue: programme.kind) ?? .internshipProgramme).placesCountry
        struct PlaceRow: Decodable {
            let id: UUID
            let title: String
            let capacity: Int
            let seats_taken: Int
            let status: String
            let occupation_field: String
            let period_start: String
            let period_end: String
            let employer_id: UUID
            let workplace_id: UUID
            let district: String
            let employer_name: String
            let identifier: String
            let is_active: Bool
        }
        let places = try await sql.raw(
            """
            SELECT p.id, p.title, p.capacity, p.seats_taken, p.status, p.occupation_field, p.period_start, p.period_end,
              p.employer_id, p.workplace_id, w.district, e.name AS employer_name, e.identifier, e.is_active
            FROM places p JOIN workplaces w ON w.id = p.workplace_id JOIN employers e ON e.id = p.employer_id
            WHERE e.country = \(bind: country) AND p.seats_taken < p.capacity
              AND p.status IN (\(binds: [PlaceStatus.open, .filled, .closed].map(\.rawValue)))
              AND p.period_start <= \(bind: intake.placementEnd) AND p.period_end >= \(bind: intake.placementStart)
            ORDER BY e.name, p.title, p.id
            """
        ).all(decoding: PlaceRow.self)
        guard !places.isEmpty else { return [] }

        struct PlaceID: Decodable { let place_id: UUID }
        let proposed = Set(
            try await sql.raw(
                """
                SELECT DISTINCT mp.place_id FROM matching_proposals mp JOIN matching_runs r ON r.id = mp.run_id
                WHERE r.intake_id = \(bind: intakeID)
                """
            ).all(decoding: PlaceID.self).map(\.place_id))
        let published = try await ListsInForce.firstRound(of: intakeID, on: database)
        var listed: Set<UUID> = []
        var opened: Set<UUID> = []
        if let published, let publishedAt = published.publishedAt {
            let inForce = try await ListsInForce.runIDs(of: intakeID, on: database)
            listed = Set(
                try await sql.raw(
                    "SELECT DISTINCT place_id FROM matching_proposals WHERE run_id IN (\(binds: inForce)) AND removed_at IS NULL"
                ).all(decoding: PlaceID.self).map(\.place_id))
            // The employer's view of its lists is audited (`EmployerShortlists`): a contact of the
            // workplace who opened them after publication has seen the list.
            struct WorkplaceID: Decodable { let workplace_id: UUID }
            opened = Set(
                try await sql.raw(
                    """
                    SELECT DISTINCT wc.workplace_id FROM audit_events ae JOIN workplace_contacts wc ON wc.user_id = ae.actor_user_id
                    WHERE ae.action = 'view' AND ae.detail = \(bind: EmployerShortlists.auditDetail)
                      AND ae.occurred_at >= \(bind: publishedAt)
                    """
                ).all(decoding: WorkplaceID.self).map(\.workplace_id))
        }
        let today = try clock.today()
        struct Count: Decodable {
            let place_id: UUID
            let n: Int
        }
        var notAccepted: [UUID: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT o.place_id, COUNT(*) AS n FROM offers o JOIN matching_runs r ON r.id = o.run_id
            WHERE r.intake_id = \(bind: intakeID)
              AND (o.status IN (\(binds: [OfferStatus.declined, .withdrawn].map(\.rawValue)))
                OR (o.status = \(bind: OfferStatus.offered.rawValue) AND o.expires_on < \(bind: today.description)))
            GROUP BY o.place_id
            """
        ).all(decoding: Count.self) {
            notAccepted[row.place_id] = row.n
        }
        var held: [UUID: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT i.place_id, COUNT(*) AS n FROM interviews i JOIN matching_runs r ON r.id = i.run_id
            WHERE r.intake_id = \(bind: intakeID) AND i.status = \(bind: InterviewStatus.held.rawValue)
            GROUP BY i.place_id
            """
        ).all(decoding: Count.self) {
            held[row.place_id] = row.n
        }
        struct Total: Decodable { let n: Int }
        let pending =
            try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM applications WHERE intake_id = \(bind: intakeID)
                  AND status IN (\(binds: [ApplicationStatus.submitted, .awaitingCompletion].map(\.rawValue)))
                  AND colour <> \(bind: EligibilityColour.green.rawValue)
                """
            ).first(decoding: Total.self)?.n ?? 0
        var overrides: [UUID: UnfilledPlaceNote] = [:]
        for note in try await UnfilledPlaceNote.query(on: database).filter(\.$intakeID == intakeID).all() {
            overrides[note.placeID] = note
        }
        let checks = EmployerCheckService(database: database, clock: clock)
        let required = try await checks.types().filter(\.isRequired)
        let standings = try await checks.standings(ofEmployers: Array(Set(places.map(\.employer_id))), types: required)

        return places.compactMap { place in
            guard let start = CivilDate(iso8601: place.period_start), let end = CivilDate(iso8601: place.period_end) else { return nil }
            let status = PlaceStatus(rawValue: place.status) ?? .closed
            let usability = PlaceUsability.Facts(
                status: status == .filled ? .open : status, periodStart: start, periodEnd: end, capacity: place.capacity,
                seatsTaken: place.seats_taken, employerIsActive: place.is_active, requiredChecks: standings[place.employer_id] ?? [])
            let facts = UnfilledPlaceReason.Facts(
                emptySeats: place.capacity - place.seats_taken, isClosed: status == .closed,
                wasUsable: PlaceUsability.answer(usability, on: max(today, start)).isAllowed, hadCandidates: proposed.contains(place.id),
                onPublishedList: listed.contains(place.id), employerOpenedList: opened.contains(place.workplace_id),
                offersNotAccepted: notAccepted[place.id] ?? 0, interviewsHeld: held[place.id] ?? 0, pendingApplications: pending)
            guard let computed = UnfilledPlaceReason.reason(facts) else { return nil }
            let override = overrides[place.id]
            return Row(
                placeID: place.id, title: place.title, employer: place.employer_name,
                employerIdentifier: (try? EmployerIdentifier(storageValue: place.identifier))?.formatted ?? "",
                occupationField: place.occupation_field, district: place.district, capacity: place.capacity,
                emptySeats: place.capacity - place.seats_taken, computed: computed,
                override: override.flatMap { UnfilledPlaceReason(rawValue: $0.reason) }, note: override?.note)
        }
    }

    /// The case worker's reason for a place, with a note; replaces an earlier one. An empty
    /// reason removes it, so the computed reason shows again.
    func setReason(_ reason: UnfilledPlaceReason?, note: String, placeID: UUID, of intake: Intake, by actor: AuditLog.Actor) async throws {
        let intakeID = try intake.requireID()
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= Self.maximumNoteLength else { throw FormErrors(fields: ["note": "unfilled.note.too-long"]) }
        guard try await rows(of: intake).contains(where: { $0.placeID == placeID }) else { throw AppError.notFound }
        try await database.writingTransaction { db in
            try await UnfilledPlaceNote.query(on: db).filter(\.$intakeID == intakeID).filter(\.$placeID == placeID).delete()
            if let reason {
                let row = UnfilledPlaceNote()
                row.intakeID = intakeID
                row.placeID = placeID
                row.reason = reason.rawValue
                row.note = trimmed.isEmpty ? nil : trimmed
                row.createdBy = actor.userID
                row.createdAt = clock.now()
                try await row.create(on: db)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .place, recordID: placeID,
                detail: "unfilled reason=\(reason?.rawValue ?? "computed") intake=\(intakeID.uuidString)")
        }
    }

    static let maximumNoteLength = 500

    /// The list's CSV. `withNotes` false leaves the case workers' notes out (for analysts).
    static func csv(_ rows: [Row], withNotes: Bool, delimiter: Character = ",") -> String {
        let writer = CSVWriter(delimiter: delimiter)
        var header = [
            "place_id", "place", "employer", "organisation_number", "occupation_field", "district", "capacity", "empty_seats", "reason",
            "computed_reason",
        ]
        if withNotes { header.append("note") }
        var text = writer.line(header)
        for row in rows {
            var cells = [
                row.placeID.uuidString.lowercased(), row.title, row.employer, row.employerIdentifier, row.occupationField, row.district,
                String(row.capacity), String(row.emptySeats), row.reason.rawValue, row.computed.rawValue,
            ]
            if withNotes { cells.append(row.note ?? "") }
            text += writer.line(cells)
        }
        return text
    }
}
