import PraktikCore

/// The proportions of "hired by the host" and of outcomes that the demo's placements
/// (`DemoPlacements`) and the reports benchmark's history file (`HistoryBenchFile`) draw from, so the
/// benchmark measures reports over data shaped like the demo's. Outcomes at exit roughly as seed 001
/// (a quarter to work or studies, a third referred back). Weights, not percentages: a value is
/// drawn with the chance of its weight in the list's total.
enum OutcomeDistribution {
    /// The chance, in percent, that whether the host hired the person is not known.
    static let hiredUnknownPercent = 12

    /// The chance, in percent, that the host hired the person. Men were offered jobs at the
    /// workplace more often than women: the gap the board asked about.
    static func hiredPercent(towardJob: Bool, woman: Bool) -> Int { (towardJob ? 28 : 9) + (woman ? -3 : 3) }

    /// The chance, in percent, that no outcome at exit was recorded.
    static let atExitUnknownPercent = 10

    static func atExit(hired: Bool, woman: Bool) -> [(OutcomeStatus, Int)] {
        hired
            ? [(.work, 85), (.subsidisedWork, 15)]
            : [
                (.work, woman ? 13 : 16), (.studies, 6), (.subsidisedWork, 4), (.stillEnrolled, 29), (.referredBack, 33),
                (.otherProgramme, 9), (.jobSeeking, 4), (.unknown, 2),
            ]
    }

    /// The chance, in percent, that a 3-month outcome was recorded once its time has come.
    static let threeMonthsRecordedPercent = 85

    /// `workBonus` moves the weight of work for those not hired (units differ a little, as seed
    /// 003's table of job centres does), never below 5.
    static func threeMonths(hired: Bool, woman: Bool, workBonus: Int = 0) -> [(OutcomeStatus, Int)] {
        hired
            ? [(.work, 80), (.subsidisedWork, 10), (.studies, 3), (.jobSeeking, 7)]
            : [
                (.work, max(5, (woman ? 19 : 23) + workBonus)), (.studies, 9), (.subsidisedWork, 5), (.stillEnrolled, 12),
                (.referredBack, 24), (.otherProgramme, 12), (.jobSeeking, 10), (.unknown, 5),
            ]
    }
}
