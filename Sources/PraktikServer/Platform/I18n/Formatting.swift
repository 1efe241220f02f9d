import Foundation
import PraktikCore

/// Dates and numbers written the way each language writes them (Swedish: 2026-11-22, 1 234,5;
/// English: 22 Nov 2026, 1,234.5; Danish: 22. nov. 2026, 1.234,5). Times are shown in the
/// installation's time zone.
struct LocalFormatting: Sendable {
    let language: AppLanguage
    let timeZone: TimeZone

    init(language: AppLanguage, timeZone: TimeZone = TimeZone(identifier: "Europe/Stockholm") ?? .gmt) {
        self.language = language
        self.timeZone = timeZone
    }

    private var locale: Locale {
        switch language {
        case .swedish: Locale(identifier: "sv_SE")
        case .english: Locale(identifier: "en_GB")
        case .danish: Locale(identifier: "da_DK")
        }
    }

    /// Swedes write the ISO date; Danes put a full stop after the day ("3. dec. 2026"), the British
    /// do not ("3 Dec 2026").
    private var datePattern: String {
        switch language {
        case .swedish: "yyyy-MM-dd"
        case .english: "d MMM yyyy"
        case .danish: "d. MMM yyyy"
        }
    }

    func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = timeZone
        formatter.dateFormat = datePattern
        return formatter.string(from: date)
    }

    /// A calendar date (an exit date, a placement's first day) written the same way as `date(_:)`.
    func date(_ day: CivilDate) -> String {
        date(day.noonInStockholm)
    }

    func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = timeZone
        formatter.dateFormat = datePattern + " HH:mm"
        return formatter.string(from: date)
    }

    func number(_ value: Double, fractionDigits: Int = 0) -> String {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = fractionDigits
        formatter.maximumFractionDigits = fractionDigits
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}
