import PraktikCore
import Testing

@Suite("Placement status machine")
struct PlacementStatusTests {
    func facts(date: String, reason: String? = nil, actualStart: String? = nil, maximumDays: Int? = nil) throws
        -> PlacementStatus.ActionFacts
    {
        PlacementStatus.ActionFacts(
            today: try civilDate("2026-06-15"), plannedStart: try civilDate("2026-06-01"), plannedEnd: try civilDate("2026-09-30"),
            actualStart: try actualStart.map { try civilDate($0) }, date: try civilDate(date), reason: reason, maximumDays: maximumDays)
    }

    /// A date and reason that satisfy every other rule of the action, so only the table decides.
    func validFacts(for action: PlacementAction) throws -> PlacementStatus.ActionFacts {
        switch action {
        case .start: try facts(date: "2026-06-02")
        case .extend: try facts(date: "2026-10-31", reason: PlacementExtensionReason.purposeNeedsTime.rawValue)
        case .complete: try facts(date: "2026-06-15", actualStart: "2026-06-01").withPlannedEnd("2026-06-15")
        case .endEarly: try facts(date: "2026-06-10", reason: PlacementEndReason.illness.rawValue)
        case .cancel: try facts(date: "2026-06-10", reason: PlacementCancelReason.participantDeclined.rawValue)
        }
    }

    @Test("every action the table lists leads where it says")
    func allowedTransitions() throws {
        for (from, actions) in PlacementStatus.transitions {
            for (action, to) in actions {
                #expect(try from.target(of: action, validFacts(for: action)) == to, "\(from) \(action)")
            }
        }
    }

    @Test("every action the table does not list is refused with a reason", arguments: PlacementStatus.allCases)
    func illegalTransitions(from: PlacementStatus) throws {
        for action in PlacementAction.allCases where PlacementStatus.transitions[from]?[action] == nil {
            let expected: PlacementTransitionRefusal = from.isFinal ? .alreadyFinal : .notAllowed
            #expect(throws: expected, "\(from) \(action)") { try from.target(of: action, try validFacts(for: action)) }
        }
    }

    @Test("a planned placement can be cancelled but not completed; a running one ends, it is not cancelled")
    func notableRefusals() throws {
        #expect(throws: PlacementTransitionRefusal.notAllowed) {
            try PlacementStatus.planned.target(of: .complete, try validFacts(for: .complete))
        }
        #expect(throws: PlacementTransitionRefusal.notAllowed) {
            try PlacementStatus.active.target(of: .cancel, try validFacts(for: .cancel))
        }
        #expect(throws: PlacementTransitionRefusal.notAllowed) {
            try PlacementStatus.active.target(of: .start, try validFacts(for: .start))
        }
    }

    @Test("extension, early end and cancellation need a known reason")
    func reasons() throws {
        #expect(throws: PlacementTransitionRefusal.reasonRequired) {
            try PlacementStatus.active.target(of: .extend, try facts(date: "2026-10-31"))
        }
        #expect(throws: PlacementTransitionRefusal.reasonRequired) {
            try PlacementStatus.active.target(of: .endEarly, try facts(date: "2026-06-10", reason: "  "))
        }
        #expect(throws: PlacementTransitionRefusal.unknownReason) {
            try PlacementStatus.planned.target(of: .cancel, try facts(date: "2026-06-10", reason: "because"))
        }
    }

    @Test("dates: no start in the future, no early end on or after the planned end, no completion before it")
    func dates() throws {
        #expect(throws: PlacementTransitionRefusal.dateInFuture) {
            try PlacementStatus.planned.target(of: .start, try facts(date: "2026-06-16"))
        }
        #expect(throws: PlacementTransitionRefusal.notBeforePlannedEnd) {
            try PlacementStatus.active.target(of: .endEarly, try facts(date: "2026-09-30", reason: "illness").withToday("2026-10-01"))
        }
        #expect(throws: PlacementTransitionRefusal.endsBeforePlannedEnd) {
            try PlacementStatus.active.target(of: .complete, try facts(date: "2026-06-15"))
        }
        #expect(throws: PlacementTransitionRefusal.beforeStart) {
            try PlacementStatus.active.target(of: .endEarly, try facts(date: "2026-06-03", reason: "illness", actualStart: "2026-06-05"))
        }
        #expect(throws: PlacementTransitionRefusal.extensionNotLater) {
            try PlacementStatus.active.target(of: .extend, try facts(date: "2026-09-30", reason: "absence"))
        }
        #expect(throws: PlacementTransitionRefusal.extensionTooLong) {
            try PlacementStatus.active.target(of: .extend, try facts(date: "2026-12-31", reason: "absence", maximumDays: 183))
        }
        #expect(
            try PlacementStatus.active.target(of: .extend, try facts(date: "2026-11-30", reason: "absence", maximumDays: 183)) == .active)
    }

    @Test("planned and active placements hold a seat; the rest do not")
    func seats() {
        #expect(PlacementStatus.allCases.filter(\.holdsSeat) == [.planned, .active])
        #expect(PlacementStatus.allCases.filter(\.hasRun) == [.interrupted, .completed])
        #expect(PlacementStatus.planned.possibleActions == [.start, .extend, .cancel])
        #expect(PlacementStatus.completed.possibleActions.isEmpty)
    }
}

extension PlacementStatus.ActionFacts {
    func withPlannedEnd(_ text: String) throws -> Self {
        var copy = self
        copy.plannedEnd = try civilDate(text)
        return copy
    }

    func withToday(_ text: String) throws -> Self {
        var copy = self
        copy.today = try civilDate(text)
        return copy
    }
}
