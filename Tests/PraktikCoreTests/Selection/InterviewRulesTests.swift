import Testing

@testable import PraktikCore

@Suite("Interview rules")
struct InterviewRulesTests {
    static let now = InterviewTime(text: "2026-03-10T09:30")

    @Test("status changes: proposed to confirmed or declined by the candidate, held or no-show by the employer, cancel while open")
    func transitions() throws {
        try InterviewStatus.proposed.checkTransition(to: .confirmed, by: .candidate)
        try InterviewStatus.proposed.checkTransition(to: .declined, by: .candidate)
        try InterviewStatus.confirmed.checkTransition(to: .held, by: .employer)
        try InterviewStatus.confirmed.checkTransition(to: .noShow, by: .employer)
        try InterviewStatus.confirmed.checkTransition(to: .cancelled, by: .system)
        #expect(throws: InterviewStatus.TransitionRefusal.notAllowed) {
            try InterviewStatus.proposed.checkTransition(to: .held, by: .employer)
        }
        #expect(throws: InterviewStatus.TransitionRefusal.notAllowed) {
            try InterviewStatus.proposed.checkTransition(to: .confirmed, by: .employer)
        }
        #expect(throws: InterviewStatus.TransitionRefusal.closed) {
            try InterviewStatus.held.checkTransition(to: .noShow, by: .employer)
        }
        #expect(throws: InterviewStatus.TransitionRefusal.unchanged) {
            try InterviewStatus.confirmed.checkTransition(to: .confirmed, by: .candidate)
        }
        #expect(InterviewStatus.allCases.filter(\.isOpen) == [.proposed, .confirmed])
    }

    @Test("a time reads as datetime-local sends it, with or without seconds, and nothing else")
    func times() throws {
        let nine = try #require(InterviewTime(text: "2026-03-12T09:00"))
        let ten = try #require(InterviewTime(text: "2026-03-12T10:00"))
        #expect(nine < ten && !(ten < nine))
        #expect(InterviewTime(text: "2026-03-12T14:05")?.description == "2026-03-12T14:05")
        #expect(InterviewTime(text: "2026-03-12T14:05:30")?.description == "2026-03-12T14:05")
        for bad in ["", "2026-03-12", "2026-02-30T10:00", "2026-03-12T24:00", "2026-03-12T10:60", "2026-03-12T1:00", "tomorrow"] {
            #expect(InterviewTime(text: bad) == nil, "\(bad)")
        }
    }

    @Test("one to three times, each ahead and within 60 days, no two alike; each problem on its field")
    func proposal() throws {
        let now = try #require(Self.now)
        #expect((try? InterviewProposal.check(["2026-03-11T10:00", nil, "2026-03-12T10:00"], now: now).get())?.count == 2)
        func problems(_ texts: [String?]) -> [Int: InterviewProposal.Problem] {
            guard case .failure(let problems) = InterviewProposal.check(texts, now: now) else { return [:] }
            return problems.byField
        }
        #expect(problems([nil, "", " "]) == [0: .required])
        #expect(problems(["2026-03-10T09:30"]) == [0: .past])
        #expect(problems(["2026-03-11T10:00", "2026-05-10T10:00"]) == [1: .tooFar])
        #expect(problems(["2026-05-09T23:59"]).isEmpty)
        #expect(problems(["2026-03-11T10:00", "x", "2026-03-11T10:00"]) == [1: .invalid, 2: .duplicate])
    }
}
