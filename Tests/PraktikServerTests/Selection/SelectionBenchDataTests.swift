import Fluent
import Foundation
import Matching
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// `praktik bench-data selection` (issue 12's benchmark): what it writes is exactly what a matching
/// run takes, on both databases.
@Suite("Selection benchmark data")
struct SelectionBenchDataTests {
    @Test("every generated applicant is a candidate of the run and every generated place is usable")
    func everyRecordIsMatched() async throws {
        try await withPraktikApp { app in
            let summary = try await SelectionBenchData.load(candidates: 40, places: 30, seed: 7, on: app)
            #expect(summary.candidates == 40)
            #expect(summary.places == 30)
            let intake = try #require(
                try await Intake.query(on: app.db).filter(\.$id == summary.intakeID).with(\.$programme).first())

            struct Row: Decodable {
                let id: UUID
                let participant_id: UUID
            }
            let applications = try await app.db.sql.raw(
                "SELECT id, participant_id FROM applications WHERE intake_id = \(bind: summary.intakeID)"
            ).all(decoding: Row.self)
            #expect(applications.count == 40)
            let eligibility = IntakeEligibility(database: app.db)
            for application in applications {
                #expect(try await eligibility.isGreenOrCleared(participantID: application.participant_id, intakeID: summary.intakeID))
            }

            let loaded = try await MatchingInputs(database: app.db).load(intake: intake, country: "SE", on: try app.clock.today())
            #expect(Set(loaded.candidates.map(\.applicationID)) == Set(applications.map(\.id)))
            struct PlaceRow: Decodable { let id: UUID }
            let places = try await app.db.sql.raw("SELECT id FROM places").all(decoding: PlaceRow.self)
            #expect(places.count == 30)
            #expect(Set(loaded.places.map(\.placeID)) == Set(places.map(\.id)))
            #expect(loaded.places.reduce(0) { $0 + $1.freeSeats } == summary.seats)

            // Mixed enough that the run has work: some pairs feasible, far from all.
            let candidates = loaded.candidates.map(MatchingProfiles.candidate)
            let profiles = loaded.places.compactMap(MatchingProfiles.place)
            let scored = try MatchingRunService.score(candidates: candidates, places: profiles)
            #expect(scored.instance.pairCount > 0)
            #expect(scored.instance.pairCount < 40 * 30 / 2)

            // Run it as the command line does: every record counted.
            let service = MatchingRunService(database: app.db, clock: app.clock)
            let run = try await service.request(intake: intake, settings: .init(mode: .assign), by: nil, via: .commandLine)
            try await service.execute(runID: try run.requireID())
            let done = try #require(try await MatchingRun.find(run.id, on: app.db))
            #expect(done.candidateCount == 40)
            #expect(done.placeCount == 30)
            #expect((done.proposalCount ?? 0) > 0)
        }
    }

    @Test("scoring through the field index gives the library's instance of every pair, pair for pair")
    func fieldIndexScoresLikeTheLibrary() async throws {
        try await withPraktikApp { app in
            let summary = try await SelectionBenchData.load(candidates: 150, places: 120, seed: 11, on: app)
            let intake = try #require(try await Intake.find(summary.intakeID, on: app.db))
            let loaded = try await MatchingInputs(database: app.db).load(intake: intake, country: "SE", on: try app.clock.today())
            var candidates = loaded.candidates.map(MatchingProfiles.candidate)
            // A field no place names takes only the places that take every field.
            candidates[0].educationField = "unrecorded"
            let places = loaded.places.compactMap(MatchingProfiles.place)
            let ours = try MatchingRunService.score(candidates: candidates, places: places)
            let library = try MatchingProfiles.scorer.matchingInstance(candidates: candidates, places: places)
            #expect(ours.instance.pairCount > 0)
            #expect(ours.instance.allPairs == library.allPairs)
            #expect(ours.instance.postingCapacities == library.postingCapacities)
            #expect(ours.reachablePlaces == Set(library.allPairs.map(\.posting)).count)
        }
    }

    @Test("a database that already holds data is refused, and nothing is written")
    func refusesADatabaseWithData() async throws {
        try await withPraktikApp { app in
            _ = try await SelectionBenchData.load(candidates: 3, places: 2, seed: 1, on: app)
            await #expect(throws: SelectionBenchData.Refusal.self) {
                _ = try await SelectionBenchData.load(candidates: 3, places: 2, seed: 1, on: app)
            }
            #expect(try await Intake.query(on: app.db).count() == 1)
            #expect(try await Place.query(on: app.db).count() == 2)
        }
    }
}
