import Foundation
import Vapor

/// The kinds of one-off job this installation runs, each with its handler. An instance claims only
/// kinds it knows, so during a rolling upgrade an older instance leaves a new kind to newer ones.
struct OneOffJobRegistry: Sendable {
    struct Handler: Sendable {
        let maximumAttempts: Int
        let retryDelay: @Sendable (Int) -> TimeInterval
        let run: @Sendable (_ payload: String, JobContext) async throws -> Void
        let didFailForGood: @Sendable (_ payload: String, _ reason: String, JobContext) async throws -> Void
    }

    private(set) var handlers: [String: Handler] = [:]

    var kinds: [String] { handlers.keys.sorted() }

    mutating func register<Job: OneOffJob>(_ type: Job.Type) {
        precondition(handlers[Job.kind] == nil, "one-off job kind \(Job.kind) registered twice")
        handlers[Job.kind] = Handler(
            maximumAttempts: Job.maximumAttempts,
            retryDelay: { Job.retryDelay(afterAttempt: $0) },
            run: { payload, context in try await Self.decode(Job.self, payload).run(in: context) },
            didFailForGood: { payload, reason, context in
                try await Self.decode(Job.self, payload).didFailForGood(reason: reason, in: context)
            })
    }

    private static func decode<Job: OneOffJob>(_ type: Job.Type, _ payload: String) throws -> Job {
        do {
            return try JSONDecoder().decode(Job.self, from: Data(payload.utf8))
        } catch {
            throw JobFailure.permanent("payload of \(Job.kind) cannot be read: \(error)")
        }
    }
}

extension Application {
    private struct OneOffJobRegistryKey: StorageKey { typealias Value = OneOffJobRegistry }

    /// Set by `configure` from `OneOffJobRegistry.praktik`; tests may register more kinds.
    var oneOffJobs: OneOffJobRegistry {
        get { storage[OneOffJobRegistryKey.self] ?? OneOffJobRegistry() }
        set { storage[OneOffJobRegistryKey.self] = newValue }
    }
}
