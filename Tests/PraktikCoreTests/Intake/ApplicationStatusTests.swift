import PraktikCore
import Testing

@Suite("Application and intake statuses")
struct ApplicationStatusTests {
    @Test("every pair of statuses is either in the table or refused")
    func exhaustive() {
        for from in ApplicationStatus.allCases {
            for to in ApplicationStatus.allCases where to != from {
                for actor in ApplicationStatus.Actor.allCases {
                    let allowed = ApplicationStatus.transitions[from]?[to]?.contains(actor) ?? false
                    #expect(((try? from.checkTransition(to: to, by: actor)) != nil) == allowed, "\(from)->\(to) by \(actor)")
                }
            }
        }
    }

    @Test(
        "the expected changes",
        arguments: [
            (ApplicationStatus.submitted, ApplicationStatus.eligible, ApplicationStatus.Actor.staff, true),
            (.submitted, .eligible, .applicant, false),
            (.submitted, .withdrawn, .applicant, true),
            (.submitted, .withdrawn, .staff, false),
            (.awaitingCompletion, .submitted, .applicant, true),
            (.awaitingCompletion, .submitted, .system, true),
            (.eligible, .offered, .staff, true),
            (.offered, .placed, .staff, true),
            (.notOffered, .waitingList, .applicant, true),
            (.notOffered, .waitingList, .staff, false),
            (.placed, .withdrawn, .applicant, false),
        ])
    func table(from: ApplicationStatus, to: ApplicationStatus, actor: ApplicationStatus.Actor, allowed: Bool) {
        #expect(((try? from.checkTransition(to: to, by: actor)) != nil) == allowed)
    }

    @Test("withdrawn and placed applications are finished; the same status is unchanged")
    func refusals() {
        #expect(throws: ApplicationStatus.TransitionRefusal.finished) {
            try ApplicationStatus.withdrawn.checkTransition(to: .submitted, by: .staff)
        }
        #expect(throws: ApplicationStatus.TransitionRefusal.finished) {
            try ApplicationStatus.placed.checkTransition(to: .withdrawn, by: .applicant)
        }
        #expect(throws: ApplicationStatus.TransitionRefusal.unchanged) {
            try ApplicationStatus.eligible.checkTransition(to: .eligible, by: .staff)
        }
        #expect(throws: ApplicationStatus.TransitionRefusal.notAllowed) {
            try ApplicationStatus.eligible.checkTransition(to: .placed, by: .staff)
        }
    }

    @Test("at the end of an intake the undecided and the eligible without a place are not offered; the rest stay")
    func endOfIntake() {
        for status in ApplicationStatus.allCases {
            if let next = status.statusAtEndOfIntake {
                #expect((try? status.checkTransition(to: next, by: .system)) != nil, "\(status) -> \(next) must be allowed for the system")
            }
        }
        #expect(ApplicationStatus.eligible.statusAtEndOfIntake == .notOffered)
        #expect(ApplicationStatus.placed.statusAtEndOfIntake == nil)
        #expect(ApplicationStatus.withdrawn.statusAtEndOfIntake == nil)
    }

    @Test("an intake takes applications only while open and inside its window")
    func intakeWindow() throws {
        let opens = try civilDate("2026-03-01"), closes = try civilDate("2026-03-31")
        #expect(IntakeStatus.open.applicationRefusal(today: try civilDate("2026-03-01"), opensOn: opens, closesOn: closes) == nil)
        #expect(IntakeStatus.open.applicationRefusal(today: try civilDate("2026-03-31"), opensOn: opens, closesOn: closes) == nil)
        #expect(IntakeStatus.open.applicationRefusal(today: try civilDate("2026-02-28"), opensOn: opens, closesOn: closes) == .notYetOpen)
        #expect(IntakeStatus.open.applicationRefusal(today: try civilDate("2026-04-01"), opensOn: opens, closesOn: closes) == .closed)
        #expect(
            IntakeStatus.planned.applicationRefusal(today: try civilDate("2026-03-10"), opensOn: opens, closesOn: closes) == .notYetOpen)
        #expect(IntakeStatus.screening.applicationRefusal(today: try civilDate("2026-03-10"), opensOn: opens, closesOn: closes) == .closed)
    }

    @Test("intake statuses: a closed intake stays closed, screening may reopen")
    func intakeTransitions() throws {
        try IntakeStatus.screening.checkTransition(to: .open)
        #expect(IntakeStatus.closed.possibleTargets.isEmpty)
        #expect(throws: IntakeStatus.TransitionRefusal.notAllowed) { try IntakeStatus.planned.checkTransition(to: .matching) }
        #expect(throws: IntakeStatus.TransitionRefusal.unchanged) { try IntakeStatus.open.checkTransition(to: .open) }
    }

    @Test("a completion deadline leaves time to answer, and the reminder comes two days before")
    func completionDeadline() throws {
        let policy = CompletionDeadlinePolicy()
        let today = try civilDate("2026-05-14")
        #expect(throws: CompletionDeadlinePolicy.Refusal.tooSoon) { try policy.check(deadline: try civilDate("2026-05-16"), today: today) }
        try policy.check(deadline: try civilDate("2026-05-17"), today: today)
        try policy.check(deadline: try civilDate("2026-07-13"), today: today)
        #expect(throws: CompletionDeadlinePolicy.Refusal.tooLate) { try policy.check(deadline: try civilDate("2026-07-14"), today: today) }
        #expect(policy.reminderDay(deadline: try civilDate("2026-05-28"), today: today) == (try civilDate("2026-05-26")))
        #expect(policy.reminderDay(deadline: try civilDate("2026-05-16"), today: today) == nil, "the reminder day is today: none")
        #expect(policy.defaultDeadline(today: today) == (try civilDate("2026-05-28")))
    }
}
