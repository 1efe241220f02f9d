import Fluent
import Foundation
import SQLKit

/// The `employer_requests` rows of published shortlists (kind `shortlist_review`), read by the
/// misuse signal "unanswered requests": one per employer per publication, answered by the
/// employer's first action on its lists (an offer, an interview proposal).
enum ShortlistRequests {
    static let kind = "shortlist_review"

    /// One row per employer with a place on the run's lists; `workplace_id` when all its listed
    /// places are at one workplace.
    static func record(runID: UUID, at now: Date, on db: any Database) async throws {
        struct Row: Decodable {
            let employer_id: UUID
            let workplace_id: UUID
        }
        let rows = try await db.sql.raw(
            """
            SELECT DISTINCT w.employer_id, p.workplace_id FROM matching_proposals mp
            JOIN places p ON p.id = mp.place_id JOIN workplaces w ON w.id = p.workplace_id
            WHERE mp.run_id = \(bind: runID) AND mp.removed_at IS NULL
            """
        ).all(decoding: Row.self)
        for (employerID, workplaces) in Dictionary(grouping: rows, by: \.employer_id) {
            let request = EmployerRequest()
            request.$employer.id = employerID
            request.$workplace.id = workplaces.count == 1 ? workplaces.first?.workplace_id : nil
            request.kind = kind
            request.sentAt = now
            try await request.create(on: db)
        }
    }

    /// The employer acted on its lists: every open shortlist request of the employer is answered
    /// (an earlier list was replaced by the one acted on).
    static func answer(employerID: UUID, at now: Date, on db: any Database) async throws {
        try await db.sql.raw(
            """
            UPDATE employer_requests SET answered_at = \(bind: now)
            WHERE employer_id = \(bind: employerID) AND kind = \(bind: kind) AND answered_at IS NULL AND sent_at <= \(bind: now)
            """
        ).run()
    }
}
