import Foundation
import PraktikCore

/// Carries out one matching run in the background (`praktik serve` or `praktik jobs`), reporting
/// the phase reached as progress so the intake's matching page can show it. A run that fails for
/// good says so on its page.
struct MatchingRunJob: OneOffJob {
    static let kind = "matching_run"
    static let maximumAttempts = 3

    let runID: UUID

    func run(in context: JobContext) async throws {
        let phases = MatchingRunPhase.allCases
        try await MatchingRunService(database: context.database, clock: context.clock).execute(runID: runID) { phase in
            try await context.reportProgress(done: phases.firstIndex(of: phase) ?? 0, total: phases.count - 1)
        }
    }

    func didFailForGood(reason: String, in context: JobContext) async throws {
        try await MatchingRunService(database: context.database, clock: context.clock).fail(runID: runID, reason: reason)
    }
}
