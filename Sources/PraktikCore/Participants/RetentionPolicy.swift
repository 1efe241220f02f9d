/// When an exited participant's identifying data must be erased.
public struct RetentionPolicy: Sendable, Equatable {
    public var monthsAfterExit: Int

    public init(monthsAfterExit: Int = 24) {
        self.monthsAfterExit = monthsAfterExit
    }

    /// Whether a person who exited on `exitDate` is due for erasure on `today`.
    public func isDue(exitDate: CivilDate, today: CivilDate) -> Bool {
        guard let deadline = exitDate.addingMonths(monthsAfterExit) else { return false }
        return deadline <= today
    }
}

extension CivilDate {
    /// The same day `months` later, clamped to the month's last day (31 January + 1 month is
    /// 28 or 29 February).
    public func addingMonths(_ months: Int) -> CivilDate? {
        let total = (year * 12 + (month - 1)) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        var newDay = day
        while newDay > 28, CivilDate(year: newYear, month: newMonth, day: newDay) == nil { newDay -= 1 }
        return CivilDate(year: newYear, month: newMonth, day: newDay)
    }
}
