import SQLKit

/// What the admin's start page counts: active accounts, units, live API tokens and open sessions,
/// in one query.
struct AdminFigures: Sendable {
    let sql: any SQLDatabase

    struct Counts: Decodable, Sendable {
        let users: Int
        let units: Int
        let tokens: Int
        let sessions: Int
    }

    func counts() async throws -> Counts {
        guard
            let counts = try await sql.raw(
                """
                SELECT (SELECT COUNT(*) FROM users WHERE is_active = \(bind: true)) AS users,
                       (SELECT COUNT(*) FROM units) AS units,
                       (SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL) AS tokens,
                       (SELECT COUNT(*) FROM user_sessions WHERE ended_at IS NULL) AS sessions
                """
            ).first(decoding: Counts.self)
        else { throw AppError.unavailable }
        return counts
    }
}
