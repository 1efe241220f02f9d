extension CivilDate {
    /// The same day `months` calendar months later (earlier when negative); a day the target month
    /// lacks becomes its last day (31 January + 1 month = 28 or 29 February). Nil outside years 1–9999.
    public func adding(months: Int) -> CivilDate? {
        let index = year * 12 + (month - 1) + months
        let targetYear = index / 12
        let targetMonth = index % 12 + 1
        for candidate in stride(from: day, through: 28, by: -1) {
            if let date = CivilDate(year: targetYear, month: targetMonth, day: candidate) { return date }
        }
        return CivilDate(year: targetYear, month: targetMonth, day: min(day, 28))
    }

    /// Whole days from `self` to `other`, counting both ends (a one-day period has length 1).
    public func daysThrough(_ other: CivilDate) -> Int {
        other.dayNumber - dayNumber + 1
    }
}
