import Foundation
import PraktikCore

/// A history file of any size for the reports benchmark (issue 14, Performance), in the format
/// `praktik import history` reads, deterministic for a seed and a day.
///
/// The shape follows the demo's placements (`DemoPlacements`) at a larger scale: Swedish people
/// with one to six placements each, one at a time, over ten years; genders, birth regions, units,
/// benefit groups, regimes, purposes, "hired by the host", outcomes at exit and after three months
/// and benefit paid in about the demo's proportions ("hired" and outcomes drawn from the same
/// `OutcomeDistribution`); a few employers take many interns and most a few. Every row is valid,
/// so the import stores all of them.
public enum HistoryBenchFile {
    /// Years of history before `today`.
    static let years = 10
    /// Placements per employer, on average.
    static let placementsPerEmployer = 20
    static let units = [
        "Jobbtorg Järva", "Jobbtorg City", "Jobbtorg Söderort", "Jobbtorg Västerort", "Jobbtorg Skärholmen", "Jobbtorg Farsta",
        "Jobbtorg Hässelby", "Jobbtorg Enskede", "Jobbtorg Spånga", "Jobbtorg Östermalm", "Jobbtorg Kungsholmen", "Jobbtorg Bromma",
    ]

    /// The file's text with exactly `placements` rows (header included, CRLF lines).
    /// - Parameter purposes: the installation's purpose codes (`programme_purposes.code`); rows
    ///   leave the purpose empty when there are none.
    public static func generate(placements: Int, seed: UInt64, today: CivilDate, purposes: [String]) -> String {
        var generator = Generator(seed: seed, today: today, purposes: purposes.sorted(), placements: placements)
        return generator.file()
    }

    struct Generator {
        var random: SeededGenerator
        let today: CivilDate
        let first: CivilDate
        let purposes: [String]
        let placements: Int
        let employers: Int
        let writer = CSVWriter()

        init(seed: UInt64, today: CivilDate, purposes: [String], placements: Int) {
            random = SeededGenerator(seed: seed)
            self.today = today
            first = CivilDate(year: today.year - HistoryBenchFile.years, month: 1, day: 1) ?? today
            self.purposes = purposes
            self.placements = placements
            employers = max(10, placements / HistoryBenchFile.placementsPerEmployer)
        }

        mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { number(0...99) < percent }
        mutating func pick<T>(_ weighted: [(T, Int)]) -> T {
            var left = number(0...(weighted.reduce(0) { $0 + $1.1 } - 1))
            for (value, weight) in weighted {
                if left < weight { return value }
                left -= weight
            }
            return weighted[weighted.count - 1].0
        }

        mutating func file() -> String {
            var text = writer.line(HistoryColumn.allCases.map(\.rawValue))
            text.reserveCapacity(placements * 190)
            var written = 0
            var person = 0
            while written < placements {
                written += writePerson(person, upTo: placements - written, into: &text)
                person += 1
            }
            return text
        }

        /// Writes one person's placements (at least one, at most `limit`); returns how many.
        mutating func writePerson(_ index: Int, upTo limit: Int, into text: inout String) -> Int {
            let person = Person(index: index, generator: &self)
            let wanted = min(limit, pick([(1, 30), (2, 25), (3, 20), (4, 12), (5, 8), (6, 5)]))
            let days = first.daysThrough(today)
            // The first placement starts early enough that most people fit theirs before today.
            var start = first.adding(days: number(0...max(0, days * 3 / 4))) ?? first
            var count = 0
            while count < wanted {
                guard var end = start.adding(months: pick([(1, 10), (2, 20), (3, 40), (4, 20), (6, 10)]))?.adding(days: -1) else { break }
                if chance(15) { end = start.adding(days: start.daysThrough(end) / 2) ?? end }
                if end >= today {
                    // No room before today: the person's last placement is a short one ending yesterday.
                    guard count == 0, let yesterday = today.adding(days: -1), start <= yesterday else { break }
                    end = yesterday
                }
                text += row(person, start: start, end: end)
                count += 1
                guard let next = end.adding(days: number(20...200)), next < today else { break }
                start = next
            }
            if count == 0, let yesterday = today.adding(days: -1) {
                // Started too late for any placement: one day, yesterday, so every person counts.
                text += row(person, start: yesterday, end: yesterday)
                count = 1
            }
            return count
        }

        struct Person {
            let number: String
            let gender: Gender
            let birthYear: Int
            let birthRegion: BirthRegion
            let benefit: BenefitType
            let unit: String

            /// A valid personnummer per index: a birthday from 1960 onwards and a serial, unique for
            /// the first 16 million indices.
            init(index: Int, generator: inout Generator) {
                let birthdays = 16_000
                let born = CivilDate(year: 1960, month: 1, day: 1)?.adding(days: index % birthdays)
                let date = born ?? CivilDate(year: 1960, month: 1, day: 1)
                let serial = String(format: "%03d", (index / birthdays) % 1_000)
                let yymmdd = String(format: "%02d%02d%02d", (date?.year ?? 1960) % 100, date?.month ?? 1, date?.day ?? 1)
                let check = LuhnChecksum.checkDigit(for: (yymmdd + serial).compactMap { Int(String($0)) }) ?? 0
                birthYear = date?.year ?? 1960
                number = String(format: "%04d", birthYear) + yymmdd.dropFirst(2) + "-" + serial + String(check)
                gender = generator.pick([(.woman, 48), (.man, 48), (.other, 1), (.notStated, 3)])
                birthRegion = generator.pick([(.sweden, 45), (.europeOutsideSweden, 15), (.outsideEurope, 37), (.notStated, 3)])
                benefit = generator.pick([(.forsorjningsstod, 55), (.aktivitetsstod, 25), (BenefitType.none, 20)])
                unit = HistoryBenchFile.units[generator.number(0...(HistoryBenchFile.units.count - 1))]
            }
        }

        /// An employer's organisation number: 556, six digits and the Luhn check digit.
        static func organisationNumber(_ index: Int) -> String {
            let body = "556" + String(format: "%06d", index % 1_000_000)
            let check = LuhnChecksum.checkDigit(for: body.compactMap { Int(String($0)) }) ?? 0
            return String(body.prefix(6)) + "-" + String(body.dropFirst(6)) + String(check)
        }

        mutating func row(_ person: Person, start: CivilDate, end: CivilDate) -> String {
            // Larger shares for the first employers: some take many interns, most a few.
            let employer = min(employers - 1, Int(Double(employers) * pow(Double(number(0...9_999)) / 10_000, 1.8)))
            let regime: PlaceRegime = pick([(.inHouse, 20), (.external, 70), (.procured, 10)])
            let purpose = purposes.isEmpty ? "" : purposes[number(0...(purposes.count - 1))]
            let woman = person.gender == .woman
            let towardJob = purpose == "toward_employment" || purpose == "jobpraktik"
            let hired: Bool? =
                chance(OutcomeDistribution.hiredUnknownPercent)
                ? nil : chance(OutcomeDistribution.hiredPercent(towardJob: towardJob, woman: woman))
            let atExit: OutcomeStatus? =
                chance(OutcomeDistribution.atExitUnknownPercent)
                ? nil : pick(OutcomeDistribution.atExit(hired: hired == true, woman: woman))
            var threeMonths: OutcomeStatus?
            if OutcomeHorizon.threeMonths.firstDay(afterExit: end) <= today, chance(OutcomeDistribution.threeMonthsRecordedPercent) {
                threeMonths = pick(OutcomeDistribution.threeMonths(hired: hired == true, woman: woman))
            }
            var paid = ""
            if person.benefit != BenefitType.none, !chance(5) {
                let monthly = person.benefit == .forsorjningsstod ? number(9_000...13_000) : number(7_000...11_000)
                let minor = Int64(Double(monthly * 100) * Double(start.daysThrough(end)) / 30.44)
                paid = String(format: "%lld.%02lld", minor / 100, minor % 100)
            }
            let cells: [String] = [
                person.number, person.gender.rawValue, String(person.birthYear), person.birthRegion.rawValue, person.benefit.rawValue,
                person.unit, Self.organisationNumber(employer), "Värdarbetsplats \(employer) AB", regime.rawValue, purpose,
                start.description, end.description, hired.map { $0 ? "yes" : "no" } ?? "", atExit?.rawValue ?? "",
                threeMonths?.rawValue ?? "", paid,
            ]
            return writer.line(cells)
        }
    }
}
