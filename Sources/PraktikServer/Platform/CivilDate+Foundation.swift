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

    /// Noon UTC on this date: an instant that shows as this date in every European time zone.
    var noonUTC: Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))
    }
}
