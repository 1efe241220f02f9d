import PraktikCore
import Testing

@Suite("Hours plan")
struct HoursPlanTests {
    func plan() throws -> HoursPlan {
        HoursPlan(steps: [
            .init(from: try civilDate("2026-06-15"), hoursPerWeek: 20), .init(from: try civilDate("2026-06-01"), hoursPerWeek: 10),
            .init(from: try civilDate("2026-07-01"), hoursPerWeek: 30),
        ])
    }

    @Test("hours rise step by step")
    func hoursOnADay() throws {
        let plan = try plan()
        #expect(plan.steps.map(\.hoursPerWeek) == [10, 20, 30])
        #expect(plan.hoursPerWeek(on: try civilDate("2026-05-31")) == nil)
        #expect(plan.hoursPerWeek(on: try civilDate("2026-06-14")) == 10)
        #expect(plan.hoursPerWeek(on: try civilDate("2026-06-15")) == 20)
        #expect(plan.hoursPerWeek(on: try civilDate("2026-09-30")) == 30)
    }

    @Test("planned hours weight costs: a week of 10 then a week of 20")
    func plannedHours() throws {
        let plan = try plan()
        #expect(plan.plannedHours(from: try civilDate("2026-06-08"), to: try civilDate("2026-06-21")) == 30)
        #expect(plan.plannedHours(from: try civilDate("2026-06-01"), to: try civilDate("2026-06-07")) == 10)
        // Before the first step the first step's hours count.
        #expect(plan.plannedHours(from: try civilDate("2026-05-25"), to: try civilDate("2026-05-31")) == 10)
        #expect(HoursPlan(steps: []).plannedHours(from: try civilDate("2026-06-01"), to: try civilDate("2026-06-30")) == 0)
    }

    @Test("a step outside 1–40 hours, outside the period, or on a taken date is refused")
    func problems() throws {
        let plan = try plan()
        let start = try civilDate("2026-06-01"), end = try civilDate("2026-09-30")
        #expect(
            plan.problem(adding: .init(from: try civilDate("2026-08-01"), hoursPerWeek: 41), periodStart: start, periodEnd: end)
                == .hoursOutOfRange)
        #expect(
            plan.problem(adding: .init(from: try civilDate("2026-08-01"), hoursPerWeek: 0), periodStart: start, periodEnd: end)
                == .hoursOutOfRange)
        #expect(
            plan.problem(adding: .init(from: try civilDate("2026-10-01"), hoursPerWeek: 30), periodStart: start, periodEnd: end)
                == .outsidePeriod)
        #expect(
            plan.problem(adding: .init(from: try civilDate("2026-07-01"), hoursPerWeek: 35), periodStart: start, periodEnd: end)
                == .sameDate)
        #expect(plan.problem(adding: .init(from: try civilDate("2026-08-01"), hoursPerWeek: 35), periodStart: start, periodEnd: end) == nil)
    }
}
