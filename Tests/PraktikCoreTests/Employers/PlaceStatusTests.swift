import PraktikCore
import Testing

@Suite("PlaceStatus")
struct PlaceStatusTests {
    @Test("an employer's new place waits for approval; staff start from a draft")
    func initialStatus() {
        #expect(PlaceStatus.initial(for: .employer) == .proposed)
        #expect(PlaceStatus.initial(for: .staff) == .draft)
    }

    @Test("only staff approve a proposal, and the employer is told a case worker must")
    func approval() throws {
        try PlaceStatus.proposed.checkTransition(to: .open, by: .staff)
        #expect(throws: PlaceStatus.TransitionRefusal.needsCaseWorker) {
            try PlaceStatus.proposed.checkTransition(to: .open, by: .employer)
        }
    }

    @Test("staying in the same status is refused as unchanged", arguments: PlaceStatus.allCases)
    func unchanged(status: PlaceStatus) {
        for actor in PlaceStatus.Actor.allCases {
            #expect(throws: PlaceStatus.TransitionRefusal.unchanged) { try status.checkTransition(to: status, by: actor) }
        }
    }

    @Test("every pair of statuses is either in the table or refused")
    func exhaustive() {
        for from in PlaceStatus.allCases {
            for to in PlaceStatus.allCases where to != from {
                for actor in PlaceStatus.Actor.allCases {
                    let allowed = PlaceStatus.transitions[from]?[to]?.contains(actor) ?? false
                    let result = Result { () throws(PlaceStatus.TransitionRefusal) in try from.checkTransition(to: to, by: actor) }
                    switch result {
                    case .success: #expect(allowed, "\(from)->\(to) by \(actor) passed but is not in the table")
                    case .failure: #expect(!allowed, "\(from)->\(to) by \(actor) refused but is in the table")
                    }
                }
            }
        }
    }

    @Test(
        "the expected changes",
        arguments: [
            (PlaceStatus.draft, PlaceStatus.open, PlaceStatus.Actor.staff, true),
            (.draft, .open, .employer, false),
            (.draft, .proposed, .employer, true),
            (.open, .filled, .staff, true),
            (.open, .filled, .employer, false),
            (.open, .closed, .employer, true),
            (.filled, .open, .staff, true),
            (.closed, .open, .staff, true),
            (.closed, .open, .employer, false),
            (.filled, .draft, .staff, false),
            (.proposed, .closed, .employer, true),
        ])
    func table(from: PlaceStatus, to: PlaceStatus, actor: PlaceStatus.Actor, allowed: Bool) {
        #expect(((try? from.checkTransition(to: to, by: actor)) != nil) == allowed)
    }

    @Test("possible targets follow the table")
    func targets() {
        #expect(PlaceStatus.proposed.possibleTargets(for: .staff) == [.open, .closed])
        #expect(PlaceStatus.proposed.possibleTargets(for: .employer) == [.draft, .closed])
        #expect(PlaceStatus.closed.possibleTargets(for: .employer).isEmpty)
    }

    @Test("an employer edits a place only before approval")
    func employerEdits() {
        #expect(PlaceStatus.allCases.filter(\.employerMayEdit) == [.draft, .proposed])
    }
}
