import PraktikCore
import Testing

@Suite("Intake funnel")
struct IntakeFunnelTests {
    /// Jobbsprånget 2023 (seed 004 table 1), orange split 357/153 as our demo data does.
    func jobbsprangetFunnel() -> IntakeFunnel {
        var funnel = IntakeFunnel()
        for (stage, women, men) in [
            (IntakeFunnel.Stage.applied, 3560, 1520), (.green, 2200, 940), (.orange, 357, 153), (.red, 1003, 427), (.offered, 820, 350),
            (.decided, 720, 310),
        ] {
            funnel.add(women, to: stage, for: .woman)
            funnel.add(men, to: stage, for: .man)
        }
        return funnel
    }

    @Test("totals and shares from the seed's table")
    func arithmetic() throws {
        let funnel = jobbsprangetFunnel()
        #expect(funnel.total(.applied) == 5080)
        #expect(funnel.total(.green) == 3140)
        #expect(funnel.total(.green) + funnel.total(.orange) + funnel.total(.red) == funnel.total(.applied))
        let share = try #require(funnel.share(of: .decided, relativeTo: .green))
        #expect(abs(share - 1030.0 / 3140.0) < 1e-9)
        #expect(funnel.share(of: .green, relativeTo: .applied, for: .woman) == 2200.0 / 3560.0)
        #expect(funnel.share(of: .green, relativeTo: .invited) == nil, "nobody invited: no share")
    }

    @Test("large counts are published as they are")
    func largeCountsShown() {
        let cells = jobbsprangetFunnel().disclosed(by: SmallNumberSuppression())
        #expect(cells[.init(stage: .green, gender: .woman)] == .count(2200))
        #expect(cells[.init(stage: .applied, gender: nil)] == .count(5080))
        #expect(cells[.init(stage: .green, gender: .other)] == .count(0))
    }

    @Test("a small cell is hidden, and so is one more in its row and in its column")
    func secondarySuppression() {
        var funnel = IntakeFunnel()
        // Row "orange": 3 women hidden; the column "women": green + orange + red = applied.
        for (stage, women, men) in [(IntakeFunnel.Stage.applied, 40, 30), (.green, 30, 20), (.orange, 3, 6), (.red, 7, 4)] {
            funnel.add(women, to: stage, for: .woman)
            funnel.add(men, to: stage, for: .man)
        }
        let cells = funnel.disclosed(by: SmallNumberSuppression())
        func hidden(_ stage: IntakeFunnel.Stage, _ gender: Gender?) -> Bool { cells[.init(stage: stage, gender: gender)] == .suppressed }
        #expect(hidden(.orange, .woman))
        #expect(hidden(.red, .man), "4 is small")
        // No equation may have exactly one hidden cell.
        for stage in IntakeFunnel.Stage.allCases {
            let row = IntakeFunnel.genders.map { hidden(stage, $0) } + [hidden(stage, nil)]
            #expect(row.filter { $0 }.count != 1, "row \(stage)")
        }
        for gender in IntakeFunnel.genders.map(Optional.init) + [nil] {
            let column = [hidden(.applied, gender), hidden(.green, gender), hidden(.orange, gender), hidden(.red, gender)]
            #expect(column.filter { $0 }.count != 1, "column \(String(describing: gender))")
        }
    }

    @Test("the median days to a decision")
    func turnaround() {
        #expect(Turnaround.median([]) == nil)
        #expect(Turnaround.median([5, 1, 3]) == 3)
        #expect(Turnaround.median([4, 1, 3, 2]) == 2.5)
    }
}
