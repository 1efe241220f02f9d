import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

@Suite("Background jobs")
struct JobRunnerTests {
    @Test("queued mail is delivered by the job, and the job waits for its interval")
    func deliversMail() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            try await Outbox(database: app.db, clock: app.clock).enqueue(to: "x@example.se", subject: "S", body: "B", participantID: nil)
            let runner = JobRunner(app: app, instance: "a")
            #expect(try await runner.runDueJobs() == [.deliverMail, .pruneJobs])
            #expect(capture.sent.map(\.to) == ["x@example.se"])
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$sentAt == nil).count() == 0)
            #expect(try await runner.runDueJobs().isEmpty, "not due again for 30 seconds")
            clock.advance(by: 31)
            #expect(try await runner.runDueJobs() == [.deliverMail])
        }
    }

    @Test("two instances never run the same job at once")
    func exclusive() async throws {
        try await withPraktikApp { app in
            let first = JobRunner(app: app, instance: "a")
            let second = JobRunner(app: app, instance: "b")
            async let a = first.runDueJobs()
            async let b = second.runDueJobs()
            let (ranA, ranB) = try await (a, b)
            #expect((ranA + ranB).sorted(by: { $0.rawValue < $1.rawValue }) == [.deliverMail, .pruneJobs], "\(ranA) \(ranB)")
        }
    }

    @Test("a failing delivery stays queued with its error and is retried")
    func failureIsKept() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            app.mailTransport = FailingTransport()
            try await Outbox(database: app.db, clock: app.clock).enqueue(to: "y@example.se", subject: "S", body: "B", participantID: nil)
            try await JobRunner(app: app, instance: "a").runDueJobs()
            let message = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(message.sentAt == nil)
            #expect(message.attempts == 1)
            #expect(message.lastError?.contains("relay down") == true)
            let capture = CapturingMailTransport()
            app.mailTransport = capture
            clock.advance(by: 31)
            try await JobRunner(app: app, instance: "a").runDueJobs()
            #expect(capture.sent.count == 1)
        }
    }

    @Test("retention runs as a job only when the operator enabled it")
    func retentionOptIn() async throws {
        try await withPraktikApp { app in
            let ran = try await JobRunner(app: app, instance: "a").runDueJobs()
            #expect(!ran.contains(.retention))
        }
        try await withPraktikApp(adjust: { $0.automaticRetention = true }) { app in
            let admin = SignedInUser(id: UUID(), email: "a@x", displayName: "A", role: .admin, unitID: nil, language: .swedish)
            let service = ParticipantService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: admin), actor: Fixtures.adminActor)
            let old = try await Fixtures.participant(app, lastName: "Gammal")
            try await service.exit(old, on: CivilDate(iso8601: "2020-01-01")!, reason: .work, outcome: nil, employerIsHost: nil)
            #expect(try await JobRunner(app: app, instance: "a").runDueJobs().contains(.retention))
            #expect(try await Participant.find(old.id, on: app.db)?.lastName == nil)
        }
    }

    struct FailingTransport: MailTransport {
        func send(_ mail: OutgoingMail) async throws { throw MailTransportError(reason: "relay down") }
    }
}
