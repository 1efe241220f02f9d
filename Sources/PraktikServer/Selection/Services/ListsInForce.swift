import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The published lists an intake's employers work from: the latest published first-round run and
/// the second rounds published on top of it. Publishing a new first round replaces all of them.
/// The one definition that the employer's lists, offers, interviews and the unfilled places read.
enum ListsInForce {
    /// A condition that holds when the run aliased `alias` (a fixed alias of the query, never input)
    /// has lists in force.
    static func condition(run alias: StaticString) -> SQLQueryString {
        let r = "\(alias)"
        return """
            \(unsafeRaw: r).published_at IS NOT NULL
              AND COALESCE(\(unsafeRaw: r).based_on_run_id, \(unsafeRaw: r).id) = (
                SELECT f.id FROM matching_runs f
                WHERE f.intake_id = \(unsafeRaw: r).intake_id AND f.round = \(bind: MatchingRound.first.rawValue) AND f.published_at IS NOT NULL
                ORDER BY f.published_at DESC LIMIT 1)
            """
    }

    /// The intake's first-round run in force (the latest published), if any.
    static func firstRound(of intakeID: UUID, on database: any Database) async throws -> MatchingRun? {
        try await MatchingRun.query(on: database).filter(\.$intake.$id == intakeID).filter(\.$round == MatchingRound.first.rawValue)
            .filter(\.$publishedAt != nil).sort(\.$publishedAt, .descending).first()
    }

    /// The ids of the intake's runs in force: the first round's and its published second rounds'.
    static func runIDs(of intakeID: UUID, on database: any Database) async throws -> [UUID] {
        struct Row: Decodable { let id: UUID }
        return try await database.sql.raw(
            "SELECT r.id FROM matching_runs r WHERE r.intake_id = \(bind: intakeID) AND \(condition(run: "r"))"
        ).all(decoding: Row.self).map(\.id)
    }
}
