import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// The `employer_requests` rows publishing writes (kind `shortlist_review`) and the employer's
/// first action on its lists answers: the misuse signal "unanswered requests".
@Suite("Shortlist requests")
struct ShortlistRequestTests {
    @Test("publishing asks each listed employer; one that does not act shows the signal, one that offered does not")
    func unansweredRequests() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let published = try await OfferTests.published(app)
            let requests = try await EmployerRequest.query(on: app.db).filter(\.$kind == ShortlistRequests.kind).all()
            struct Row: Decodable { let employer_id: UUID }
            let listedEmployers = Set(
                try await app.db.sql.raw(
                    """
                    SELECT DISTINCT w.employer_id FROM matching_proposals mp JOIN places p ON p.id = mp.place_id
                    JOIN workplaces w ON w.id = p.workplace_id WHERE mp.run_id = \(bind: published.run.requireID())
                    """
                ).all(decoding: Row.self).map(\.employer_id))
            #expect(Set(requests.map { $0.$employer.id }) == listedEmployers)
            #expect(requests.count == listedEmployers.count)
            #expect(requests.allSatisfy { $0.answeredAt == nil })

            let offering = published.place.$employer.id
            #expect(try await OfferTests.select(published, published.listed[0]).status == .seeOther)
            let answered = try await EmployerRequest.query(on: app.db).filter(\.$employer.$id == offering).all()
            #expect(!answered.isEmpty && answered.allSatisfy { $0.answeredAt != nil })

            let thresholds = MisuseSignals.Thresholds(unansweredRequests: 1, answerDays: 14)
            func signals(_ employerID: UUID) async throws -> [MisuseSignals.Signal] {
                let employer = try #require(try await Employer.find(employerID, on: app.db))
                return try await MisuseSignalService(
                    sql: app.db.sql, thresholds: thresholds, today: try app.clock.today(), now: app.clock.now()
                )
                .signals(of: employer).1
            }
            let silent = try #require(listedEmployers.first { $0 != offering })
            #expect(!(try await signals(silent)).contains(.unansweredRequests))
            clock.advance(by: 15 * 86_400)
            #expect(try await signals(silent).contains(.unansweredRequests))
            #expect(!(try await signals(offering)).contains(.unansweredRequests))
        }
    }
}
