import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

@Suite("Placement decision service")
struct PlacementDecisionServiceTests {
    func refusals(_ body: () async throws -> Void) async -> [PlacementDecision.Refusal.Code] {
        do {
            try await body()
            return []
        } catch let refused as PlacementDecisionService.Refused {
            return refused.refusals.map(\.code)
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test("a direct decision takes the seat and plans the placement: hours, forms, their sending jobs, history")
    func decides() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, capacity: 2)
            let placement = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            #expect(placement.status == PlacementStatus.planned.rawValue)
            #expect(placement.plannedEnd == "2027-03-31", "four months by default for arbetspraktik")
            #expect(placement.origin == PlacementOrigin.direct.rawValue)
            #expect(placement.benefitType == BenefitType.forsorjningsstod.rawValue)
            #expect(placement.regime == PlaceRegime.external.rawValue)
            #expect(placement.$unit.id == setup.participant.$unit.id)
            #expect(try await PlaceSeats.seatsTaken(placeID: setup.placeID, on: app.db) == 1)
            let id = try placement.requireID()
            #expect(try await FollowUp.query(on: app.db).filter(\.$placement.$id == id).count() == FollowUpSchedule.forms.count)
            #expect(try await PlacementHoursStep.query(on: app.db).filter(\.$placement.$id == id).count() == 1)
            #expect(try await PlacementEvent.query(on: app.db).filter(\.$placement.$id == id).first()?.kind == "decided")
            let jobs = try await OneOffJobRecord.query(on: app.db).filter(\.$kind == FollowUpSendJob.kind).count()
            #expect(jobs == 6, "participant and supervisor forms are sent by job; the case worker's waits on the worklist")
        }
    }

    @Test("eligibility neither green nor cleared is refused")
    func notEligible() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app)
            let codes = await refusals {
                try await Fixtures.decide(app, try Fixtures.decisionInput(setup, basis: .application(id: UUID(), eligibleOrCleared: false)))
            }
            #expect(codes == [.notEligible])
        }
    }

    @Test("a direct placement without a justification is refused")
    func justification() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app)
            #expect(
                await refusals { try await Fixtures.decide(app, try Fixtures.decisionInput(setup, basis: .direct(justification: "  "))) }
                    == [
                        .justificationMissing
                    ])
        }
    }

    @Test("a consent the programme needs, not given, is refused")
    func consent() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, consents: [])
            #expect(await refusals { try await Fixtures.decide(app, try Fixtures.decisionInput(setup)) } == [.consentMissing])
        }
    }

    @Test("an employer check that lapses during the period (and could be renewed now) is refused")
    func checkLapses() async throws {
        try await withPraktikApp { app in
            // Checks recorded on 1 October: the 365-day ones hold through March, the 180-day one
            // lapses in March, before the placement ends, and a check taken today would last.
            let setup = try await Fixtures.placementSetup(app, checksOn: "2026-10-01")
            let refused = await refusals { try await Fixtures.decide(app, try Fixtures.decisionInput(setup)) }
            #expect(refused == [.placeNotUsable])
            let allowed = await refusals { try await Fixtures.decide(app, try Fixtures.decisionInput(setup, end: "2027-03-30")) }
            #expect(allowed.isEmpty, "the no-tax-debt check holds through 30 March")
        }
    }

    @Test("an overlapping placement is refused")
    func overlap() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, capacity: 2)
            try await Fixtures.decide(app, try Fixtures.decisionInput(setup, start: "2026-12-01", end: "2027-01-31"))
            #expect(
                await refusals { try await Fixtures.decide(app, try Fixtures.decisionInput(setup, start: "2027-01-31", end: "2027-02-28")) }
                    == [
                        .overlapping
                    ])
            try await Fixtures.decide(app, try Fixtures.decisionInput(setup, start: "2027-02-01", end: "2027-02-28"))
        }
    }

    @Test("no free seat is refused, and the seat comes back when a planned placement is cancelled")
    func seat() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, capacity: 1)
            let first = try await Fixtures.decide(app, try Fixtures.decisionInput(setup))
            #expect(try await Place.find(setup.placeID, on: app.db)?.status == PlaceStatus.filled.rawValue)
            let other = try await Fixtures.participant(app, unit: setup.unit)
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: "programme_partners", channel: .paper, participantID: try other.requireID(), by: Fixtures.adminActor)
            let codes = await refusals { try await Fixtures.decide(app, try Fixtures.decisionInput(setup, participantID: other.id)) }
            #expect(codes == [.placeNotUsable], "a filled place is not open")
            try await Fixtures.placementService(app).perform(
                .init(action: .cancel, date: try Fixtures.date("2026-11-18"), reason: PlacementCancelReason.participantDeclined.rawValue),
                on: first, by: Fixtures.caseWorkerActor)
            #expect(try await PlaceSeats.seatsTaken(placeID: setup.placeID, on: app.db) == 0)
            #expect(try await Place.find(setup.placeID, on: app.db)?.status == PlaceStatus.open.rawValue)
            try await Fixtures.decide(app, try Fixtures.decisionInput(setup, participantID: other.id))
        }
    }

    @Test("decisions raced for the last seats create exactly as many placements as there are seats", arguments: [1, 2, 3])
    func race(capacity: Int) async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, capacity: capacity)
            var inputs: [PlacementDecisionService.Input] = []
            for _ in 0..<12 {
                let person = try await Fixtures.participant(app, unit: setup.unit)
                try await ConsentService(database: app.db, clock: app.clock).record(
                    .given, purpose: "programme_partners", channel: .paper, participantID: try person.requireID(), by: Fixtures.adminActor)
                inputs.append(try Fixtures.decisionInput(setup, participantID: person.id))
            }
            let results = await withTaskGroup(of: Result<Void, any Error>.self) { group in
                for input in inputs {
                    group.addTask {
                        do {
                            try await Fixtures.decide(app, input)
                            return .success(())
                        } catch { return .failure(error) }
                    }
                }
                var all: [Result<Void, any Error>] = []
                for await result in group { all.append(result) }
                return all
            }
            let placed = results.filter { if case .success = $0 { true } else { false } }.count
            #expect(placed == capacity)
            for case .failure(let error) in results {
                #expect(error is PlacementDecisionService.Refused, "\(error)")
            }
            let rows = try await Placement.query(on: app.db).filter(\.$place.$id == setup.placeID).count()
            #expect(rows == capacity)
            #expect(try await PlaceSeats.seatsTaken(placeID: setup.placeID, on: app.db) == capacity)
        }
    }

    @Test("two case workers deciding two places for one person at once create one placement")
    func raceForOnePerson() async throws {
        try await withPraktikApp { app in
            let setup = try await Fixtures.placementSetup(app, capacity: 1)
            let second = try await Fixtures.place(
                app, at: setup.workplace, unit: setup.unit, title: "Målare", start: "2026-12-01", end: "2027-06-30")
            let inputs = [
                try Fixtures.decisionInput(setup),
                PlacementDecisionService.Input(
                    participantID: setup.participantID, placeID: try second.requireID(), programme: "arbetspraktik",
                    start: try Fixtures.date("2026-12-01"), end: nil, basis: .direct(justification: "x"), purpose: nil, language: nil,
                    note: nil),
            ]
            await withTaskGroup(of: Void.self) { group in
                for input in inputs { group.addTask { _ = try? await Fixtures.decide(app, input) } }
            }
            #expect(try await Placement.query(on: app.db).filter(\.$participant.$id == setup.participantID).count() == 1)
            let seats =
                try await PlaceSeats.seatsTaken(placeID: setup.placeID, on: app.db)
                + PlaceSeats.seatsTaken(placeID: try second.requireID(), on: app.db)
            #expect(seats == 1, "the losing decision gave its seat back")
        }
    }
}
