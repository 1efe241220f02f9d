import Foundation
import NIOConcurrencyHelpers

/// Where a long operation's time went, step by step, for the benchmarks: the operation marks the end
/// of each step with `StepTimes.mark`, which does nothing unless the task runs with a log set
/// (`StepTimes.$current.withValue`). A task-local value, so the bulk writers deep inside an import
/// report to the benchmark that started it without a parameter through every call between.
final class StepTimes: Sendable {
    @TaskLocal static var current: StepTimes?

    struct Step: Sendable, Equatable {
        let name: String
        let seconds: Double
    }

    private let state: NIOLockedValueBox<(last: ContinuousClock.Instant, steps: [Step])>

    init() {
        state = NIOLockedValueBox((ContinuousClock.now, []))
    }

    /// Ends the current task's step `name`: the time since the previous mark (or the log's start).
    static func mark(_ name: @autoclosure () -> String) {
        guard let log = current else { return }
        let name = name()
        log.state.withLockedValue { state in
            let now = ContinuousClock.now
            let elapsed = state.last.duration(to: now)
            state.steps.append(
                Step(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            state.last = now
        }
    }

    var steps: [Step] { state.withLockedValue { $0.steps } }

    /// One line for a report: `name 1.2 s, other 0.3 s`, the steps in order.
    var summary: String {
        steps.map { "\($0.name) \(String(format: "%.1f", $0.seconds)) s" }.joined(separator: ", ")
    }
}
