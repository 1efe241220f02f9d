import Foundation
import PraktikCore

extension AppClock {
    /// Today's date where the job centres are: a check that expires "today" holds until midnight in
    /// Stockholm and Copenhagen (the same time zone), not midnight UTC. Throws only for a clock set
    /// outside years 1–9999.
    func today() throws -> CivilDate {
        let instant = now()
        let offset = TimeZone(identifier: "Europe/Stockholm")?.secondsFromGMT(for: instant) ?? 0
        let localSeconds = Int((instant.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let daysSince1970 = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        guard let day = CivilDate(dayNumber: 719_162 + daysSince1970) else { throw AppError.unavailable }
        return day
    }
}
