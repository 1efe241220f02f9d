import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

@Suite("Demo placements: years at Stockholm's scale, through the history import")
struct DemoPlacementsTests {
    struct Count: Decodable { let n: Int }

    @Test("the demo loads years of placements, one at a time per person, with outcomes, payments and answers at the seeds' rates")
    func demoPlacements() async throws {
        try await withPraktikApp { app in
            let logins = try await DemoData.loadIfEmpty(app, password: "demo-test-password")
            #expect(logins != nil)
            let sql = try app.db.sql
            func count(_ query: SQLQueryString) async throws -> Int {
                try await sql.raw(query).first(decoding: Count.self)?.n ?? -1
            }
            let today = try app.clock.today()

            // The intake in matching: a published first round and a published second round on it,
            // interviews and offers in every state, accepted ones waiting for a decision.
            #expect(
                try await count("SELECT COUNT(*) AS n FROM matching_runs WHERE published_at IS NOT NULL AND round = 1") == 1)
            #expect(
                try await count(
                    """
                    SELECT COUNT(*) AS n FROM matching_runs r WHERE r.published_at IS NOT NULL AND r.round = 2
                      AND r.based_on_run_id IS NOT NULL AND r.proposal_count > 0
                    """) == 1)
            for status in [InterviewStatus.proposed, .confirmed, .held] {
                #expect(try await count("SELECT COUNT(*) AS n FROM interviews WHERE status = \(bind: status.rawValue)") > 0, "\(status)")
            }
            struct State: Decodable {
                let status: String
                let n: Int
            }
            let states = Dictionary(
                uniqueKeysWithValues: try await sql.raw("SELECT status, COUNT(*) AS n FROM offers GROUP BY status").all(
                    decoding: State.self
                )
                .map { ($0.status, $0.n) })
            for status in [OfferStatus.offered, .accepted, .declined] { #expect((states[status.rawValue] ?? 0) > 0, "\(states)") }
            #expect(
                try await count("SELECT COUNT(*) AS n FROM offers WHERE status = 'offered' AND expires_on < \(bind: today.description)") > 0
            )
            #expect(
                try await count(
                    "SELECT COUNT(*) AS n FROM placements WHERE status = 'planned' AND decided_at IS NULL AND origin = 'application'")
                    == states[OfferStatus.accepted.rawValue])
            let history = PlacementOrigin.history.rawValue

            // About 2,900 a year: the last full calendar year is the scale check.
            let lastYear = today.year - 1
            let inLastYear = try await count(
                """
                SELECT COUNT(*) AS n FROM placements WHERE origin = \(bind: history)
                  AND planned_start >= \(bind: "\(lastYear)-01-01") AND planned_start <= \(bind: "\(lastYear)-12-31")
                """)
            #expect(inLastYear >= 2_500 && inLastYear <= 3_000, "placements started in \(lastYear): \(inLastYear)")
            let danish = try await count(
                """
                SELECT COUNT(*) AS n FROM placements pl JOIN units u ON u.id = pl.unit_id
                WHERE pl.origin = \(bind: history) AND u.code = 'JC-KBH'
                  AND pl.planned_start >= \(bind: "\(lastYear)-01-01") AND pl.planned_start <= \(bind: "\(lastYear)-12-31")
                """)
            // About 300 a year; the draw for the year varies a little with the day the demo is made.
            #expect(danish >= 200 && danish <= 380, "Copenhagen placements in \(lastYear): \(danish)")

            // Everything finished before today, and no person in two placements on one day.
            #expect(
                try await count(
                    "SELECT COUNT(*) AS n FROM placements WHERE origin = \(bind: history) AND (actual_end >= \(bind: today.description) OR status <> 'completed')"
                ) == 0)
            #expect(
                try await count(
                    """
                    SELECT COUNT(*) AS n FROM placements a JOIN placements b
                      ON a.participant_id = b.participant_id AND a.id < b.id
                     AND a.actual_start <= b.actual_end AND b.actual_start <= a.actual_end
                    """) == 0)

            // Outcomes at exit roughly as seed 001: a quarter to work or studies, a third referred back.
            let atExit = try await count("SELECT COUNT(*) AS n FROM placement_outcomes WHERE horizon = 'at_exit' AND state = 'answered'")
            let workOrStudies = try await count(
                "SELECT COUNT(*) AS n FROM placement_outcomes WHERE horizon = 'at_exit' AND status IN ('work', 'studies')")
            let referredBack = try await count(
                "SELECT COUNT(*) AS n FROM placement_outcomes WHERE horizon = 'at_exit' AND status = 'referred_back'")
            #expect(atExit > 0)
            let workShare = Double(workOrStudies) / Double(max(atExit, 1))
            let backShare = Double(referredBack) / Double(max(atExit, 1))
            #expect(workShare > 0.18 && workShare < 0.32, "work or studies at exit: \(workShare)")
            #expect(backShare > 0.22 && backShare < 0.40, "referred back at exit: \(backShare)")
            // 3-month outcomes only where three months have passed.
            #expect(try await count("SELECT COUNT(*) AS n FROM placement_outcomes WHERE horizon = '3_months'") > 1_000)
            #expect(
                try await count(
                    "SELECT COUNT(*) AS n FROM placement_outcomes WHERE horizon = '3_months' AND due_on > \(bind: today.description)") == 0)

            // Benefits in the currency of the benefit group.
            #expect(
                try await count(
                    """
                    SELECT COUNT(*) AS n FROM benefit_payments
                    WHERE (benefit_type IN ('forsorjningsstod', 'aktivitetsstod') AND currency <> 'SEK')
                       OR (benefit_type IN ('kontanthjaelp_jobparat', 'kontanthjaelp_aktivitetsparat', 'dagpenge') AND currency <> 'DKK')
                    """) == 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM benefit_payments WHERE amount_minor > 0") > 5_000)

            // End forms: about 72% of participants and 61% of supervisors answered; a job offered
            // in an answer only where the placement led to a job.
            let placements = try await count("SELECT COUNT(*) AS n FROM placements WHERE origin = \(bind: history)")
            let participantForms = try await count(
                "SELECT COUNT(*) AS n FROM follow_ups WHERE stage = 'end' AND respondent = 'participant' AND answered_at IS NOT NULL")
            let supervisorForms = try await count(
                "SELECT COUNT(*) AS n FROM follow_ups WHERE stage = 'end' AND respondent = 'supervisor' AND answered_at IS NOT NULL")
            let participantRate = Double(participantForms) / Double(max(placements, 1))
            let supervisorRate = Double(supervisorForms) / Double(max(placements, 1))
            #expect(abs(participantRate - 0.72) < 0.03, "participant answers: \(participantRate)")
            #expect(abs(supervisorRate - 0.61) < 0.03, "supervisor answers: \(supervisorRate)")
            #expect(
                try await count(
                    """
                    SELECT COUNT(*) AS n FROM follow_up_answers a JOIN follow_ups f ON f.id = a.follow_up_id
                    JOIN placements pl ON pl.id = f.placement_id
                    WHERE a.meaning = 'employment_offered'
                      AND ((a.value = 'none' AND pl.hired_by_host = \(bind: true)) OR (a.value <> 'none' AND pl.hired_by_host <> \(bind: true)))
                    """) == 0)
            // No answered history form appears as work to do.
            #expect(
                try await count(
                    """
                    SELECT COUNT(*) AS n FROM follow_ups f JOIN placements pl ON pl.id = f.placement_id
                    WHERE pl.origin = \(bind: history) AND f.answered_at IS NULL AND f.cancelled_at IS NULL
                    """) == 0)

            // The comparison on the closed 2023 intake: both groups measured, fewer of the not placed
            // in work or studies, as the demo intends.
            let comparison = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
                .comparison, period: .init(from: try #require(CivilDate(iso8601: "2023-01-01")), to: today), exact: true)
            let overall = Dictionary(
                uniqueKeysWithValues: comparison.rows.filter { $0[0] == DemoComparison.intakeName && $0[2] == "all" }.map { ($0[1], $0) })
            let placedRow = try #require(overall["placed"]), otherRow = try #require(overall["not_placed"])
            #expect((Int(placedRow[3]) ?? 0) > 500 && (Int(otherRow[3]) ?? 0) > 500, "\(placedRow) \(otherRow)")
            #expect((Double(placedRow[5]) ?? 0) > (Double(otherRow[5]) ?? 100), "\(placedRow) \(otherRow)")
            #expect(!placedRow[6].isEmpty && !otherRow[7].isEmpty)

            // The archival places hold no seats.
            #expect(try await count("SELECT COUNT(*) AS n FROM places WHERE seats_taken > capacity") == 0)
        }
    }
}
