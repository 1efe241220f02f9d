import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import PraktikServer

/// A job for the tests: records each run under its marker, fails as told, reports progress.
struct RecordingJob: OneOffJob {
    static let kind = "test_recording"
    static let maximumAttempts = 3

    /// Runs per marker (each test uses its own markers, so tests may run in parallel).
    static let runs = NIOLockedValueBox<[String: Int]>([:])
    static let failuresForGood = NIOLockedValueBox<[String: String]>([:])

    var marker: String
    /// Attempts up to this number throw an ordinary error.
    var failUntilAttempt = 0
    var permanent = false
    var steps = 0
    /// Cancels its own job before its first progress report, as a person cancelling would.
    var cancelsItself = false

    static func count(_ marker: String) -> Int { runs.withLockedValue { $0[marker] ?? 0 } }

    func run(in context: JobContext) async throws {
        Self.runs.withLockedValue { $0[marker, default: 0] += 1 }
        if permanent { throw JobFailure.permanent("cannot ever work") }
        if context.attempt <= failUntilAttempt { throw TestFailure(attempt: context.attempt) }
        if cancelsItself { try await JobQueue(database: context.database, clock: context.clock).cancel(Self.self, key: marker) }
        for step in 0..<steps { try await context.reportProgress(done: step + 1, total: steps) }
    }

    func didFailForGood(reason: String, in context: JobContext) async throws {
        Self.failuresForGood.withLockedValue { $0[marker] = reason }
    }

    struct TestFailure: Error, CustomStringConvertible {
        let attempt: Int
        var description: String { "attempt \(attempt) failed on purpose" }
    }
}

@Suite("One-off jobs")
struct OneOffJobTests {
    func withJobs(clock: TestClock = TestClock(), _ body: (Application, JobQueue) async throws -> Void) async throws {
        try await withPraktikApp(clock: clock) { app in
            app.oneOffJobs.register(RecordingJob.self)
            try await body(app, JobQueue(database: app.db, clock: app.clock))
        }
    }

    func marker() -> String { UUID().uuidString }

    @Test("a queued job runs once and is done; a job due later waits for its time")
    func runsOnce() async throws {
        let clock = TestClock()
        try await withJobs(clock: clock) { app, queue in
            let now = marker()
            let later = marker()
            let first = try await queue.enqueue(RecordingJob(marker: now, steps: 3))
            let second = try await queue.enqueue(RecordingJob(marker: later), runAt: clock.now.addingTimeInterval(3600))
            let runner = OneOffJobRunner(app: app, instance: "a")
            #expect(try await runner.runDueJobs() == [RecordingJob.kind])
            #expect(RecordingJob.count(now) == 1)
            #expect(RecordingJob.count(later) == 0)
            let done = try #require(try await queue.snapshot(of: first))
            #expect(done.status == .done)
            #expect(done.attempts == 1)
            #expect(done.progressDone == 3 && done.progressTotal == 3)
            #expect(try await runner.runDueJobs().isEmpty)
            clock.advance(by: 3601)
            #expect(try await runner.runDueJobs() == [RecordingJob.kind])
            #expect(try await queue.snapshot(of: second)?.status == .done)
        }
    }

    @Test("enqueueing with a key is idempotent while the job is live, and the key is free again once it is done")
    func idempotentKey() async throws {
        try await withJobs { app, queue in
            let key = marker()
            let first = try await queue.enqueue(RecordingJob(marker: key), key: key)
            let again = try await queue.enqueue(RecordingJob(marker: key), key: key)
            #expect(first == again)
            // Twenty enqueues at once, on both databases: still one job.
            let ids = try await withThrowingTaskGroup(of: UUID.self) { group in
                for _ in 0..<20 { group.addTask { try await queue.enqueue(RecordingJob(marker: key), key: key) } }
                return try await group.reduce(into: Set<UUID>()) { $0.insert($1) }
            }
            #expect(ids == [first])
            try await OneOffJobRunner(app: app, instance: "a").runDueJobs()
            #expect(RecordingJob.count(key) == 1)
            let next = try await queue.enqueue(RecordingJob(marker: key), key: key)
            #expect(next != first)
        }
    }

    @Test("several instances polling at once run every job exactly once")
    func concurrentRunners() async throws {
        try await withJobs { app, queue in
            let markers = (0..<30).map { _ in marker() }
            for marker in markers { try await queue.enqueue(RecordingJob(marker: marker)) }
            let ran = try await withThrowingTaskGroup(of: [String].self) { group in
                for instance in ["a", "b", "c", "d"] {
                    group.addTask { try await OneOffJobRunner(app: app, instance: instance).runDueJobs() }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(ran.count == 30)
            #expect(markers.allSatisfy { RecordingJob.count($0) == 1 })
            #expect(try await OneOffJobRecord.query(on: app.db).filter(\.$status == "done").count() == 30)
        }
    }

    @Test("a failing job is retried after a growing delay and then succeeds")
    func retriesWithBackoff() async throws {
        let clock = TestClock()
        try await withJobs(clock: clock) { app, queue in
            let key = marker()
            let id = try await queue.enqueue(RecordingJob(marker: key, failUntilAttempt: 2))
            let runner = OneOffJobRunner(app: app, instance: "a")
            try await runner.runDueJobs()
            var job = try #require(try await queue.snapshot(of: id))
            #expect(job.status == .queued)
            #expect(job.attempts == 1)
            #expect(job.lastError == "attempt 1 failed on purpose")
            #expect(job.runAt == clock.now.addingTimeInterval(30))
            #expect(try await runner.runDueJobs().isEmpty, "not before its delay")
            clock.advance(by: 31)
            try await runner.runDueJobs()
            job = try #require(try await queue.snapshot(of: id))
            #expect(job.attempts == 2)
            #expect(job.runAt == clock.now.addingTimeInterval(60), "the delay doubles")
            clock.advance(by: 61)
            try await runner.runDueJobs()
            job = try #require(try await queue.snapshot(of: id))
            #expect(job.status == .done)
            #expect(job.lastError == nil)
            #expect(RecordingJob.count(key) == 3)
        }
    }

    @Test("after its last attempt a job is failed for good, visibly, and its failure hook runs once")
    func failsForGood() async throws {
        let clock = TestClock()
        try await withJobs(clock: clock) { app, queue in
            let key = marker()
            let id = try await queue.enqueue(RecordingJob(marker: key, failUntilAttempt: 99))
            let runner = OneOffJobRunner(app: app, instance: "a")
            for _ in 0..<5 {
                try await runner.runDueJobs()
                clock.advance(by: 3600)
            }
            let job = try #require(try await queue.snapshot(of: id))
            #expect(job.status == .failed)
            #expect(job.attempts == 3)
            #expect(job.lastError == "attempt 3 failed on purpose")
            #expect(job.finishedAt != nil)
            #expect(RecordingJob.count(key) == 3)
            #expect(RecordingJob.failuresForGood.withLockedValue { $0[key] } == "attempt 3 failed on purpose")

            let hopeless = marker()
            let other = try await queue.enqueue(RecordingJob(marker: hopeless, permanent: true))
            try await runner.runDueJobs()
            #expect(try await queue.snapshot(of: other)?.status == .failed)
            #expect(RecordingJob.count(hopeless) == 1, "a permanent failure is not retried")
        }
    }

    @Test("cancelling by key, or by the start of keys, stops jobs before they run and while they run")
    func cancellation() async throws {
        try await withJobs { app, queue in
            let person = marker()
            let keys = ["participant:\(person):3_months", "participant:\(person):6_months", "participant:other:3_months"]
            for key in keys { try await queue.enqueue(RecordingJob(marker: key), key: key) }
            let single = marker()
            try await queue.enqueue(RecordingJob(marker: single), key: single)
            #expect(try await queue.cancel(RecordingJob.self, key: single) == 1)
            #expect(try await queue.cancel(RecordingJob.self, keysStartingWith: "participant:\(person):") == 2)
            #expect(try await queue.cancel(RecordingJob.self, keysStartingWith: "participant:%") == 0, "LIKE wildcards are literal")
            try await OneOffJobRunner(app: app, instance: "a").runDueJobs()
            #expect(RecordingJob.count(single) == 0)
            #expect(RecordingJob.count(keys[0]) == 0 && RecordingJob.count(keys[1]) == 0)
            #expect(RecordingJob.count(keys[2]) == 1)
            #expect(try await queue.latest(RecordingJob.self, key: keys[0])?.status == .cancelled)

            let running = marker()
            let id = try await queue.enqueue(RecordingJob(marker: running, steps: 2, cancelsItself: true), key: running)
            try await OneOffJobRunner(app: app, instance: "a").runDueJobs()
            let job = try #require(try await queue.snapshot(of: id))
            #expect(job.status == .cancelled, "a running job stops at its next progress report and stays cancelled")
            #expect(job.progressDone == nil)
        }
    }

    @Test("when an instance stops mid-job its lease runs out and another instance resumes the job")
    func leaseRunsOut() async throws {
        let clock = TestClock()
        try await withJobs(clock: clock) { app, queue in
            let key = marker()
            let id = try await queue.enqueue(RecordingJob(marker: key))
            let store = OneOffJobStore(database: app.db, clock: app.clock)
            // Instance "crashed" claims the job and is never heard of again.
            let claimed = try #require(
                try await store.claim(kinds: [RecordingJob.kind], instance: "crashed", lease: OneOffJobRunner.lease))
            #expect(claimed.id == id)
            let runner = OneOffJobRunner(app: app, instance: "b")
            #expect(try await runner.runDueJobs().isEmpty, "the lease still holds")
            clock.advance(by: OneOffJobRunner.lease + 1)
            #expect(try await runner.runDueJobs() == [RecordingJob.kind])
            let job = try #require(try await queue.snapshot(of: id))
            #expect(job.status == .done)
            #expect(job.attempts == 2)
            // The stopped instance coming back cannot overwrite what happened since.
            try await store.retryLater(id, attempt: 1, instance: "crashed", after: 0, error: "late")
            #expect(try await queue.snapshot(of: id)?.status == .done)
        }
    }

    @Test("an instance that stops during the last attempt leaves a failed job, not a stuck one")
    func crashOnLastAttempt() async throws {
        let clock = TestClock()
        try await withJobs(clock: clock) { app, queue in
            let key = marker()
            let id = try await queue.enqueue(RecordingJob(marker: key))
            let store = OneOffJobStore(database: app.db, clock: app.clock)
            for attempt in 1...RecordingJob.maximumAttempts {
                _ = try #require(try await store.claim(kinds: [RecordingJob.kind], instance: "crash-\(attempt)", lease: 60))
                clock.advance(by: 61)
            }
            try await OneOffJobRunner(app: app, instance: "b").runDueJobs()
            let job = try #require(try await queue.snapshot(of: id))
            #expect(job.status == .failed)
            #expect(job.lastError?.contains("stopped before it finished") == true)
            #expect(RecordingJob.count(key) == 0)
            #expect(RecordingJob.failuresForGood.withLockedValue { $0[key] } != nil)
        }
    }

    @Test("an instance claims only the kinds it knows")
    func unknownKinds() async throws {
        try await withPraktikApp { app in
            // This app has no RecordingJob registered, like an older instance during an upgrade.
            let id = try await JobQueue(database: app.db, clock: app.clock).enqueue(RecordingJob(marker: marker()))
            #expect(try await OneOffJobRunner(app: app, instance: "old").runDueJobs().isEmpty)
            #expect(try await JobQueue(database: app.db, clock: app.clock).snapshot(of: id)?.status == .queued)
        }
    }

    @Test("a job enqueued in a transaction that rolls back does not exist")
    func transactional() async throws {
        try await withJobs { (app: Application, _: JobQueue) async throws in
            struct Rollback: Error {}
            await #expect(throws: Rollback.self) {
                try await app.db.transaction { db in
                    try await JobQueue(database: db, clock: app.clock).enqueue(RecordingJob(marker: "rolled-back"), key: "rolled-back")
                    throw Rollback()
                }
            }
            #expect(try await OneOffJobRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("finished jobs are pruned after 30 days; failed jobs stay")
    func pruning() async throws {
        let clock = TestClock()
        try await withJobs(clock: clock) { app, queue in
            try await queue.enqueue(RecordingJob(marker: marker()))
            try await queue.enqueue(RecordingJob(marker: marker(), permanent: true))
            try await OneOffJobRunner(app: app, instance: "a").runDueJobs()
            clock.advance(by: JobRunner.keepFinishedJobs + 1)
            try await JobRunner(app: app, instance: "a").runDueJobs()
            let left = try await OneOffJobRecord.query(on: app.db).all().map(\.status)
            #expect(left == ["failed"])
        }
    }
}
