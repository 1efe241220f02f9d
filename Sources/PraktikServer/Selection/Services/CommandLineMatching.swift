import Fluent
import Foundation
import PraktikCore
import Vapor

/// `praktik match --intake ID`: the same matching run as the intake's matching page, carried out
/// in the command's own process and stored like any other run (shown on the page as started from
/// the command line).
public enum CommandLineMatching {
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs matching for the intake and returns one JSON line with the run's figures and times.
    public static func run(
        intakeID: UUID, mode: String, candidatesPerSeat: Int, listsPerApplicant: Int, round roundNumber: Int = 1, on app: Application
    ) async throws -> String {
        guard let intake = try await Intake.find(intakeID, on: app.db) else {
            throw Refusal(description: "No intake has the id \(intakeID.uuidString.lowercased()).")
        }
        guard let mode = MatchingMode(rawValue: mode) else { throw Refusal(description: "--mode must be assign or shortlist.") }
        let settings = MatchingRunService.Settings(mode: mode, candidatesPerSeat: candidatesPerSeat, listsPerApplicant: listsPerApplicant)
        guard (try? settings.validated()) != nil else {
            throw Refusal(description: "--k and --b must be between 1 and 10 for an intake's run.")
        }
        guard let round = MatchingRound(rawValue: roundNumber) else { throw Refusal(description: "--round must be 1 or 2.") }
        let service = MatchingRunService(database: app.db, clock: app.clock)
        let run: MatchingRun
        do {
            run = try await service.request(
                intake: intake, settings: settings, by: nil, via: .commandLine, round: round,
                answerDays: app.settings.misuseThresholds.answerDays)
        } catch AppError.conflict(let messageKey) {
            throw Refusal(description: app.translations.text(for: messageKey, in: .english))
        }
        guard run.requestedVia == MatchingRunService.Via.commandLine.rawValue, run.runStatus == .queued else {
            throw Refusal(description: "A matching run of this intake is already waiting or running; see its matching page.")
        }
        let runID = try run.requireID()
        do {
            try await service.execute(runID: runID)
        } catch {
            try await service.fail(runID: runID, reason: "\(error)")
            throw error
        }
        guard let done = try await MatchingRun.find(runID, on: app.db) else { throw Refusal(description: "The run was not stored.") }
        return summary(of: done)
    }

    static func summary(of run: MatchingRun) -> String {
        let fields: [(String, String)] = [
            ("run", "\"\(run.id?.uuidString.lowercased() ?? "")\""), ("round", String(run.round)), ("mode", "\"\(run.mode)\""),
            ("status", "\"\(run.status)\""), ("outcome", run.outcomeKey.map { "\"\($0)\"" } ?? "null"),
            ("candidates", text(run.candidateCount)), ("places", text(run.placeCount)), ("seats", text(run.seatCount)),
            ("pairs", text(run.pairCount)), ("places_reachable", text(run.placesReachable)),
            ("proposals", text(run.proposalCount)), ("total_score", text(run.totalScore)), ("fill_bound", text(run.fillBound)),
            ("load_ms", text(run.loadMilliseconds)), ("score_ms", text(run.scoreMilliseconds)),
            ("solve_ms", text(run.solveMilliseconds)), ("store_ms", text(run.storeMilliseconds)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    private static func text(_ value: Int?) -> String { value.map(String.init) ?? "null" }
}
