import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Limits how often one client address submits the public forms (an application, a request for
/// status links), so the portal cannot be used to flood the outbox or probe the register. The
/// window arithmetic is the sign-in throttle's, counted per address only.
struct PublicFormThrottle: Sendable {
    let database: any Database
    let clock: AppClock
    let maximumPerHour: Int

    /// Nil when the address may submit now; otherwise the seconds to wait.
    func retryAfter(for address: String) async throws -> Int? {
        let sql = try database.sql
        struct Row: Decodable { let attempted_at: Date }
        let since = clock.now().addingTimeInterval(-3600)
        let times = try await sql.select().column("attempted_at").from(ApplicationAttempt.schema)
            .where("client_address", .equal, SQLBind(address)).where("attempted_at", .greaterThan, SQLBind(since))
            .all(decoding: Row.self).map { $0.attempted_at.timeIntervalSince1970 }
        let policy = LoginThrottlePolicy(windowSeconds: 3600, maximumFailuresPerAccount: 0, maximumFailuresPerAddress: maximumPerHour)
        switch policy.decision(accountFailures: [], addressFailures: times, now: clock.now().timeIntervalSince1970) {
        case .allowed: return nil
        case .blocked(let seconds): return seconds
        }
    }

    func record(_ address: String) async throws {
        let attempt = ApplicationAttempt()
        attempt.clientAddress = address
        attempt.attemptedAt = clock.now()
        try await attempt.create(on: database)
    }
}
