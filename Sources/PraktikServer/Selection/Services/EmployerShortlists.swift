import Fluent
import Foundation
import PraktikCore
import SQLKit

/// What an employer contact sees of the published shortlists of their workplaces' places (issue 12):
/// for each candidate only what the profile shared with employers holds (education and languages)
/// and the fit score, numbered, without a name; a candidate whose consent to share with employers
/// is not active at this moment is never shown. Every candidate shown is a view of their
/// application, audited.
struct EmployerShortlists: Sendable {
    let database: any Database
    let clock: AppClock

    /// The audit detail of a contact's view of the lists: the unfilled-places report reads it to
    /// tell a list never opened from one opened and left.
    static let auditDetail = "employer shortlist"

    struct Candidate: Sendable {
        let applicationID: UUID
        let score: Int
        let educationLevel: String
        let educationField: String?
        var languages: [(language: String, level: String)] = []
        /// The latest offer to this candidate for this place, as the employer reads it.
        var offer: ShownOfferStatus?
        /// The name, once the candidate accepted: the employer then has a right to it.
        var name: String?
        /// The latest interview proposed to this candidate for this place.
        var interview: InterviewSummary?
    }

    struct InterviewSummary: Sendable {
        let id: UUID
        let status: InterviewStatus
        let confirmedTime: InterviewTime?
        let outcome: InterviewOutcome?
    }

    struct PlaceShortlist: Sendable {
        let placeID: UUID
        let title: String
        var candidates: [Candidate] = []
        /// Why the place cannot be offered today (an employer check expired, the place closed); empty when it can.
        var unusableReasons: [PlaceUsability.Reason] = []
        /// Seats neither taken nor promised to a waiting offer.
        var freeSeats = 0
    }

    /// The lists in force of each intake (`ListsInForce`: both rounds), for the contact's workplaces.
    func shortlists(forContact userID: UUID, by actor: AuditLog.Actor) async throws -> [PlaceShortlist] {
        let workplaceIDs = try await EmployerContactScope(database: database, userID: userID).workplaceIDs()
        guard !workplaceIDs.isEmpty else { return [] }
        let sql = try database.sql
        struct Row: Decodable {
            let place_id: UUID
            let title: String
            let application_id: UUID
            let participant_id: UUID
            let score: Int
            let education_level: String
            let education_field: String?
        }
        let rows = try await sql.raw(
            """
            SELECT mp.place_id, p.title, mp.application_id, mp.participant_id, mp.score, a.education_level, a.education_field
            FROM matching_proposals mp
            JOIN matching_runs r ON r.id = mp.run_id
            JOIN places p ON p.id = mp.place_id
            JOIN applications a ON a.id = mp.application_id
            WHERE p.workplace_id IN (\(binds: workplaceIDs)) AND mp.removed_at IS NULL AND \(ListsInForce.condition(run: "r"))
            ORDER BY p.title, p.id, mp.score DESC, mp.id
            """
        ).all(decoding: Row.self)
        // Consent is asked at the moment of viewing: a withdrawal on the status page takes the
        // person off every list at once, published or not.
        let consents = ConsentService(database: database, clock: clock)
        var sharing: [UUID: Bool] = [:]
        for participantID in Set(rows.map(\.participant_id)) {
            sharing[participantID] = try await consents.isActive(.employerProfile, for: participantID)
        }
        let shown = rows.filter { sharing[$0.participant_id] == true }
        var languages: [UUID: [(String, String)]] = [:]
        if !shown.isEmpty {
            struct Language: Decodable {
                let application_id: UUID
                let language: String
                let level: String
            }
            for row in try await sql.raw(
                """
                SELECT application_id, language, level FROM application_languages
                WHERE application_id IN (\(binds: shown.map(\.application_id))) ORDER BY language
                """
            ).all(decoding: Language.self) {
                languages[row.application_id, default: []].append((row.language, row.level))
            }
        }
        let offers = try await latestOffers(placeIDs: Array(Set(shown.map(\.place_id))))
        let interviews = try await latestInterviews(placeIDs: Array(Set(shown.map(\.place_id))))
        let today = try clock.today()
        var names: [UUID: String] = [:]
        let accepted = shown.filter { offers[Pair(place: $0.place_id, application: $0.application_id)]?.status == .accepted }
        if !accepted.isEmpty {
            for participant in try await Participant.query(on: database).filter(\.$id ~~ accepted.map(\.participant_id)).all() {
                if let id = participant.id { names[id] = participant.displayName }
            }
        }
        var lists: [PlaceShortlist] = []
        for row in shown {
            if lists.last?.placeID != row.place_id {
                var list = PlaceShortlist(placeID: row.place_id, title: row.title)
                if let place = try await Place.find(row.place_id, on: database) {
                    list.unusableReasons = try await PlaceUsabilityService(database: database).answer(for: place, on: today).reasons
                        .filter { $0.code != .noFreeSeat }
                    list.freeSeats = try await OfferService.freeSeats(
                        placeID: row.place_id, capacity: place.capacity, today: today, on: database)
                }
                lists.append(list)
            }
            let offer = offers[Pair(place: row.place_id, application: row.application_id)]
            lists[lists.count - 1].candidates.append(
                Candidate(
                    applicationID: row.application_id, score: row.score, educationLevel: row.education_level,
                    educationField: row.education_field, languages: languages[row.application_id] ?? [],
                    offer: offer.map { $0.status.shown(expiresOn: $0.expiresOn, today: today) },
                    name: offer?.status == .accepted ? names[row.participant_id] : nil,
                    interview: interviews[Pair(place: row.place_id, application: row.application_id)]))
        }
        try await AuditLog(database: database, clock: clock).record(
            .view, by: actor, recordType: .application, recordIDs: shown.map(\.application_id), detail: Self.auditDetail)
        return lists
    }

    struct Pair: Hashable {
        let place: UUID
        let application: UUID
    }

    /// The newest interview of each candidate on `placeIDs`.
    private func latestInterviews(placeIDs: [UUID]) async throws -> [Pair: InterviewSummary] {
        guard !placeIDs.isEmpty else { return [:] }
        var latest: [Pair: InterviewSummary] = [:]
        for interview in try await Interview.query(on: database).filter(\.$placeID ~~ placeIDs).sort(\.$createdAt).all() {
            latest[Pair(place: interview.placeID, application: interview.applicationID)] = InterviewSummary(
                id: try interview.requireID(), status: interview.interviewStatus, confirmedTime: interview.confirmedTime,
                outcome: interview.outcome.flatMap(InterviewOutcome.init(rawValue:)))
        }
        return latest
    }

    /// The newest offer of each candidate on `placeIDs`.
    private func latestOffers(placeIDs: [UUID]) async throws -> [Pair: (status: OfferStatus, expiresOn: CivilDate)] {
        guard !placeIDs.isEmpty else { return [:] }
        var latest: [Pair: (status: OfferStatus, expiresOn: CivilDate)] = [:]
        for offer in try await Offer.query(on: database).filter(\.$placeID ~~ placeIDs).sort(\.$createdAt).all() {
            guard let expires = CivilDate(iso8601: offer.expiresOn) else { continue }
            latest[Pair(place: offer.placeID, application: offer.applicationID)] = (offer.offerStatus, expires)
        }
        return latest
    }
}
