import Testing

@testable import PraktikServer

@Suite("Step times: where a long operation's time went")
struct StepTimesTests {
    @Test("marks are kept in order for the task that set the log, and cost nothing elsewhere")
    func marks() async throws {
        var evaluated = false
        StepTimes.mark(
            {
                evaluated = true; return "outside"
            }())
        #expect(!evaluated)

        let log = StepTimes()
        await StepTimes.$current.withValue(log) {
            StepTimes.mark("first")
            try? await Task.sleep(for: .milliseconds(20))
            StepTimes.mark("second")
            // A child task reports to the same log.
            await Task { StepTimes.mark("from a child") }.value
        }
        StepTimes.mark("after")
        #expect(log.steps.map(\.name) == ["first", "second", "from a child"])
        #expect(log.steps[1].seconds >= 0.02)
        #expect(log.steps.allSatisfy { $0.seconds >= 0 })
        // The durations depend on the machine's load (the whole suite runs at once): only their form.
        let parts = log.summary.components(separatedBy: ", ")
        #expect(parts.count == 3)
        #expect(parts.first?.hasPrefix("first ") == true && parts.last?.hasPrefix("from a child ") == true)
        #expect(parts.allSatisfy { $0.hasSuffix(" s") })
    }
}
