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
        let cells = jobbsprangetFunnel().disclosed(by: .standard)
        #expect(cells[.init(stage: .green, gender: .woman)] == .shown(2200))
        #expect(cells[.init(stage: .applied, gender: nil)] == .shown(5080))
        #expect(cells[.init(stage: .green, gender: .other)] == .shown(0))
    }

    @Test("a small cell is hidden, and nothing hidden can be worked out from rows, columns or applied")
    func secondarySuppression() throws {
        var funnel = IntakeFunnel()
        // Row "orange": 3 women hidden; the column "women": green + orange + red = applied.
        for (stage, women, men) in [(IntakeFunnel.Stage.applied, 40, 30), (.green, 30, 20), (.orange, 3, 6), (.red, 7, 4)] {
            funnel.add(women, to: stage, for: .woman)
            funnel.add(men, to: stage, for: .man)
        }
        let cells = funnel.disclosed(by: .standard)
        #expect(cells[.init(stage: .orange, gender: .woman)] == .small)
        #expect(cells[.init(stage: .red, gender: .man)] == .small, "4 is small")
        #expect(cells[.init(stage: .green, gender: .woman)] == .withheld || cells[.init(stage: .orange, gender: .man)] == .withheld)
        // The same table through the audit: green, orange and red with applied as their totals.
        let colours: [IntakeFunnel.Stage] = [.green, .orange, .red]
        let table = try CountTable(
            partCount: 4, rows: colours.map { stage in CountTable.Row(parts: IntakeFunnel.genders.map { funnel.count(stage, $0) }) })
        let marking = DisclosurePolicy.standard.protect(table)
        for (index, stage) in colours.enumerated() {
            for (column, gender) in IntakeFunnel.genders.enumerated() {
                let position = CountTable.Position(row: index, column: .part(column))
                #expect((marking.marks[position] ?? .shown(table.value(at: position))) == cells[.init(stage: stage, gender: gender)])
            }
        }
        #expect(DisclosureAudit.findings(of: table, marking: marking, threshold: 5).isEmpty)
    }

    @Test("the median days to a decision")
    func turnaround() {
        #expect(Turnaround.median([]) == nil)
        #expect(Turnaround.median([5, 1, 3]) == 3)
        #expect(Turnaround.median([4, 1, 3, 2]) == 2.5)
    }
}
