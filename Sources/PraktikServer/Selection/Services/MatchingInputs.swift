import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Reads what a matching run needs from the database in a handful of queries (a run covers thousands
/// of applicants and places; one query per row would take longer than the solver).
///
/// Candidates: the intake's applicants whose eligibility is green or cleared and who are not placed.
/// `IntakeEligibility.answer` is green or cleared exactly when the application's current colour is
/// green and it is not withdrawn (a person's clearing makes the colour green); placed means the
/// application is `placed` or the person holds a seat in a planned or running placement.
/// Places: open places with a free seat, of employers in the programme's country, whose period
/// shares a day with the intake's placement period (an offer of any other could never be
/// accepted), that `PlaceUsability` allows today (every required employer check valid, the
/// employer active).
///
/// A second round (`SecondRound`) narrows both: no candidate holding a waiting offer, a place's
/// seats less those promised to waiting offers, and no pair the employer already had.
struct MatchingInputs: Sendable {
    let database: any Database

    struct Loaded: Sendable {
        /// Sorted by application id, so a run is the same on SQLite and PostgreSQL.
        var candidates: [MatchingProfiles.CandidateRecord]
        /// Sorted by place id.
        var places: [MatchingProfiles.PlaceRecord]
        /// A second round: the (application, place) pairs the engine must not propose.
        var excludedPairs: Set<Pair> = []
    }

    struct Pair: Sendable, Hashable {
        let applicationID: UUID
        let placeID: UUID
    }

    func load(intake: Intake, country: String, on today: CivilDate, round: MatchingRound = .first) async throws -> Loaded {
        let intakeID = try intake.requireID()
        let period = Period(start: intake.placementStart, end: intake.placementEnd)
        var loaded = Loaded(
            candidates: try await candidates(intakeID: intakeID, round: round, on: today),
            places: try await places(country: country, on: today, within: period))
        guard round == .second else { return loaded }
        let waiting = try await waitingOffersByPlace(on: today)
        loaded.places = loaded.places.compactMap { place in
            var place = place
            place.freeSeats = SecondRound.emptySeats(capacity: place.freeSeats, taken: 0, waitingOffers: waiting[place.placeID] ?? 0)
            return place.freeSeats > 0 ? place : nil
        }
        loaded.excludedPairs = try await pairsTheEmployerHad(intakeID: intakeID)
        return loaded
    }

    /// The intake's placement period, as stored (`YYYY-MM-DD`).
    struct Period: Sendable {
        let start: String
        let end: String
    }

    /// Offers still waiting for an answer, per place: their seats are promised.
    private func waitingOffersByPlace(on today: CivilDate) async throws -> [UUID: Int] {
        struct Row: Decodable {
            let place_id: UUID
            let n: Int
        }
        let rows = try await database.sql.raw(
            """
            SELECT place_id, COUNT(*) AS n FROM offers
            WHERE status = \(bind: OfferStatus.offered.rawValue) AND expires_on >= \(bind: today.description)
            GROUP BY place_id
            """
        ).all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.place_id, $0.n) })
    }

    /// Pairs on a list in force (not taken off) and pairs ever offered: the employer already had them.
    func pairsTheEmployerHad(intakeID: UUID) async throws -> Set<Pair> {
        struct Row: Decodable {
            let application_id: UUID
            let place_id: UUID
        }
        let rows = try await database.sql.raw(
            """
            SELECT mp.application_id, mp.place_id FROM matching_proposals mp JOIN matching_runs r ON r.id = mp.run_id
            WHERE r.intake_id = \(bind: intakeID) AND mp.removed_at IS NULL AND \(ListsInForce.condition(run: "r"))
            UNION
            SELECT o.application_id, o.place_id FROM offers o JOIN applications a ON a.id = o.application_id
            WHERE a.intake_id = \(bind: intakeID)
            """
        ).all(decoding: Row.self)
        return Set(rows.map { Pair(applicationID: $0.application_id, placeID: $0.place_id) })
    }

    /// The intake's candidates; in a second round, not those holding an offer still waiting for
    /// their answer (the seat may be theirs).
    func candidates(intakeID: UUID, round: MatchingRound = .first, on today: CivilDate) async throws -> [MatchingProfiles.CandidateRecord] {
        let sql = try database.sql
        struct Row: Decodable {
            let id: UUID
            let participant_id: UUID
            let education_field: String?
            let home_district: String?
            let available_from: String?
            let permit_end: String?
        }
        let seatHolding = PlacementStatus.allCases.filter(\.holdsSeat).map(\.rawValue)
        let holdingOffer: SQLQueryString =
            round == .second
            ? """
            AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.participant_id = a.participant_id
              AND o.status = \(bind: OfferStatus.offered.rawValue) AND o.expires_on >= \(bind: today.description))
            """ : ""
        let rows = try await sql.raw(
            """
            SELECT a.id, a.participant_id, a.education_field, a.home_district, a.available_from, a.permit_end
            FROM applications a
            WHERE a.intake_id = \(bind: intakeID) AND a.colour = \(bind: EligibilityColour.green.rawValue)
              AND a.status NOT IN (\(binds: [ApplicationStatus.withdrawn, .placed, .notEligible].map(\.rawValue)))
              AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.participant_id = a.participant_id
                AND pl.status IN (\(binds: seatHolding)))
              \(holdingOffer)
            """
        ).all(decoding: Row.self)
        var records: [UUID: MatchingProfiles.CandidateRecord] = [:]
        for row in rows {
            records[row.id] = MatchingProfiles.CandidateRecord(
                applicationID: row.id, participantID: row.participant_id, educationField: row.education_field,
                homeDistrict: row.home_district, availableFrom: row.available_from, permitEnd: row.permit_end)
        }
        struct Language: Decodable {
            let application_id: UUID
            let language: String
            let level: String
        }
        for row in try await sql.raw(
            """
            SELECT l.application_id, l.language, l.level FROM application_languages l
            JOIN applications a ON a.id = l.application_id WHERE a.intake_id = \(bind: intakeID)
            """
        ).all(decoding: Language.self) {
            records[row.application_id]?.languages.append((row.language, row.level))
        }
        struct Value: Decodable {
            let application_id: UUID
            let value: String
        }
        for row in try await sql.raw(
            """
            SELECT f.application_id, f.field AS value FROM application_preferred_fields f
            JOIN applications a ON a.id = f.application_id WHERE a.intake_id = \(bind: intakeID)
            """
        ).all(decoding: Value.self) {
            records[row.application_id]?.preferredFields.append(row.value)
        }
        for row in try await sql.raw(
            """
            SELECT d.application_id, d.district AS value FROM application_preferred_districts d
            JOIN applications a ON a.id = d.application_id WHERE a.intake_id = \(bind: intakeID)
            """
        ).all(decoding: Value.self) {
            records[row.application_id]?.preferredDistricts.append(row.value)
        }
        return records.values.sorted { $0.applicationID.uuidString < $1.applicationID.uuidString }
    }

    func places(country: String, on today: CivilDate, within period: Period) async throws -> [MatchingProfiles.PlaceRecord] {
        let sql = try database.sql
        struct Row: Decodable {
            let id: UUID
            let employer_id: UUID
            let capacity: Int
            let seats_taken: Int
            let occupation_field: String
            let language_requirement: String
            let remote_possible: Bool
            let period_start: String
            let period_end: String
            let status: String
            let district: String?
            let is_active: Bool
        }
        let rows = try await sql.raw(
            """
            SELECT p.id, p.employer_id, p.capacity, p.seats_taken, p.occupation_field, p.language_requirement,
              p.remote_possible, p.period_start, p.period_end, p.status, w.district, e.is_active
            FROM places p JOIN workplaces w ON w.id = p.workplace_id JOIN employers e ON e.id = p.employer_id
            WHERE p.status = \(bind: PlaceStatus.open.rawValue) AND p.seats_taken < p.capacity
              AND e.country = \(bind: country) AND p.period_end >= \(bind: today.description)
              AND p.period_start <= \(bind: period.end) AND p.period_end >= \(bind: period.start)
            """
        ).all(decoding: Row.self)
        let checks = EmployerCheckService(database: database, clock: .system)
        let required = try await checks.types().filter(\.isRequired)
        let standings = try await checks.standings(ofEmployers: Array(Set(rows.map(\.employer_id))), types: required)
        return rows.compactMap { row -> MatchingProfiles.PlaceRecord? in
            guard let start = CivilDate(iso8601: row.period_start), let end = CivilDate(iso8601: row.period_end) else { return nil }
            let facts = PlaceUsability.Facts(
                status: PlaceStatus(rawValue: row.status) ?? .closed, periodStart: start, periodEnd: end, capacity: row.capacity,
                seatsTaken: row.seats_taken, employerIsActive: row.is_active, requiredChecks: standings[row.employer_id] ?? [])
            guard PlaceUsability.answer(facts, on: today).isAllowed else { return nil }
            return MatchingProfiles.PlaceRecord(
                placeID: row.id, freeSeats: row.capacity - row.seats_taken, occupationField: row.occupation_field,
                district: row.district, remote: row.remote_possible, languageRequirement: row.language_requirement,
                periodStart: row.period_start, periodEnd: row.period_end)
        }
        .sorted { $0.placeID.uuidString < $1.placeID.uuidString }
    }
}

extension ProgrammeKind {
    /// The country whose employers' places a programme of this kind fills.
    var placesCountry: String { self == .companyInternship ? "DK" : "SE" }
}
