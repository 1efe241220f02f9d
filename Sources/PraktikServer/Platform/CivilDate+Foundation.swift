import Foundation
import PraktikCore

extension CivilDate {
    /// Praktik's calendar is Swedish time: "today" for a deadline or an age is the date in Stockholm.
    static let calendarTimeZone = TimeZone(identifier: "Europe/Stockholm") ?? .gmt

    init?(_ date: Date, timeZone: TimeZone = CivilDate.calendarTimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Noon UTC of the day in seconds since 1970, for sorting dates among timestamps.
    var noonTimestamp: Double {
        Double(dayNumber - CivilDate.unixEpochDayNumber) * 86_400 + 43_200
    }

    /// Noon of the day in Stockholm, for a date that stands for a moment (a consent given "on" a day).
    var noonInStockholm: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilDate.calendarTimeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))
            ?? Date(timeIntervalSince1970: noonTimestamp)
    }

    /// `dayNumber` of 1970-01-01.
    private static let unixEpochDayNumber = 719_162
}

extension AppClock {
    /// Today's date where the job centres are: a check that expires "today" holds until midnight in
    /// Stockholm and Copenhagen (the same time zone), not midnight UTC.
    func today() throws -> CivilDate {
        guard let today = CivilDate(now()) else { throw AppError.unavailable }
        return today
    }
}

extension CivilDate {
    /// The moment `hour` o'clock strikes on this day in Stockholm: when a message about the day is
    /// sent (a form due today goes out in the morning, not at midnight).
    func moment(atHour hour: Int, timeZone: TimeZone = CivilDate.calendarTimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))
    }
}
