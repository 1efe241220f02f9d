import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The retention job: finds exited participants whose retention period has run out and erases
/// them. `dueForErasure` is the dry run an admin reads before anything is erased.
struct RetentionService: Sendable {
    let database: any Database
    let clock: AppClock
    let policy: RetentionPolicy

    struct Candidate: Codable, Sendable {
        let id: UUID
        let exit_date: String
        let unit_name: String
    }

    func dueForErasure() async throws -> [Candidate] {
        let sql = try database.sql
        let today = try clock.today()
        let exited = try await sql.raw(
            """
            SELECT p.id, p.exit_date, u.name AS unit_name FROM participants p JOIN units u ON u.id = p.unit_id
            WHERE p.status = \(bind: ParticipantStatus.exited.rawValue) AND p.erased_at IS NULL AND p.exit_date IS NOT NULL
            ORDER BY p.exit_date
            """
        ).all(decoding: Candidate.self)
        return exited.filter { candidate in
            guard let exitDate = CivilDate(iso8601: candidate.exit_date) else { return false }
            return policy.isDue(exitDate: exitDate, today: today)
        }
    }

    /// Erases every due participant; returns how many.
    func run() async throws -> Int {
        let due = try await dueForErasure()
        let erasure = ErasureService(database: database, clock: clock)
        for candidate in due {
            guard let participant = try await Participant.find(candidate.id, on: database) else { continue }
            try await erasure.erase(participant, by: .system("retention"))
        }
        return due.count
    }
}
