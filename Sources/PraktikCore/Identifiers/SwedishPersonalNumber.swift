/// A Swedish personnummer or samordningsnummer (coordination number), validated as Skatteverket
/// describes them in SKV 704 "Personnummer" and SKV 707 "Samordningsnummer".
///
/// Stored in the twelve-digit form `YYYYMMDDNNNN`: the ten-digit form's century depends on the day
/// it is read (its separator changes from `-` to `+` the year the person turns 100), so it cannot be
/// a stable key.
///
/// The number says nothing we use about gender, and this type deliberately offers no way to read it:
/// the second-to-last digit's parity follows legal sex at issue, a legal change of sex gives the
/// person a new number, and gender in Praktik's statistics comes from what the person states.
public struct SwedishPersonalNumber: Sendable, Hashable {
    /// `YYYYMMDDNNNN`, ASCII digits only.
    public let storageValue: String
    /// The date written in the number, with the samordningsnummer's +60 removed. When a day's birth
    /// numbers run out Skatteverket uses a nearby day, so this is not always the true birth date.
    public let birthDate: CivilDate
    /// A samordningsnummer (day + 60), given to people who are or have been without a population
    /// registration in Sweden.
    public let isCoordinationNumber: Bool

    /// Reads `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYMMDDNNNN`, `YYYYMMDD-NNNN` or `YYYYMMDDNNNN`,
    /// ignoring surrounding whitespace.
    ///
    /// - Parameter today: the reference date used to infer the century of a ten-digit form and to
    ///   refuse births after it. Passed in so that results never depend on the clock.
    public init(parsing text: String, referenceDate today: CivilDate) throws(PersonalNumberError) {
        let scanned = try ScannedDigits(
            scanning: text, separators: ["-", "+"], reporting: PersonalNumberError.self)
        let digits = scanned.digits
        guard digits.count == 10 || digits.count == 12 else { throw .wrongLength }
        guard scanned.separatorIsBeforeLastFour else { throw .invalidSeparator }

        let twelveDigits: [Int]
        if digits.count == 12 {
            // The `+` sign only makes sense when the century is left out.
            guard scanned.separator != "+" else { throw .invalidSeparator }
            twelveDigits = digits
        } else {
            let year = Self.inferredYear(
                of: digits, isCentenarian: scanned.separator == "+", referenceDate: today)
            twelveDigits = [year / 1000 % 10, year / 100 % 10] + digits
        }
        try self.init(validating: twelveDigits)
        guard birthDate <= today else { throw .bornInFuture }
    }

    /// Checks a twelve-digit number's date and check digit; the reference date is the caller's business.
    init(validating digits: [Int]) throws(PersonalNumberError) {
        let dayField = digits.decimalValue(of: 6..<8)
        // SKV 707: a samordningsnummer adds 60 to the day of birth, giving 61...91.
        let isCoordinationNumber = (61...91).contains(dayField)
        let year = digits.decimalValue(of: 0..<4)
        // SKV 707: stored numbers carry the century 18, 19 or 20; any other is a typing error.
        guard (1800...2099).contains(year),
            let birthDate = CivilDate(
                year: year,
                month: digits.decimalValue(of: 4..<6),
                day: isCoordinationNumber ? dayField - 60 : dayField)
        else { throw .invalidDate }
        // SKV 704: the check digit covers the ten-digit form only, never the century digits.
        guard LuhnChecksum.isValid(Array(digits[2...])) else { throw .wrongCheckDigit }
        self.storageValue = digits.decimalText
        self.birthDate = birthDate
        self.isCoordinationNumber = isCoordinationNumber
    }

    /// SKV 704: without a separator or with `-`, the person is under 100, so the year is the latest
    /// one ending in `YY` that does not put the birth after today; `+` means 100 or older, one
    /// century earlier. The comparison uses the raw month and day, so it works even for a date that
    /// will then be refused as invalid.
    private static func inferredYear(
        of tenDigits: [Int], isCentenarian: Bool, referenceDate today: CivilDate
    ) -> Int {
        let twoDigitYear = tenDigits.decimalValue(of: 0..<2)
        let month = tenDigits.decimalValue(of: 2..<4)
        let dayField = tenDigits.decimalValue(of: 4..<6)
        let day = (61...91).contains(dayField) ? dayField - 60 : dayField
        var year = today.year - today.year % 100 + twoDigitYear
        if (year, month, day) > (today.year, today.month, today.day) { year -= 100 }
        return isCentenarian ? year - 100 : year
    }
}

extension SwedishPersonalNumber: CustomStringConvertible {
    /// The canonical twelve digits. Beware: this is personal data; log `masked` instead.
    public var description: String { storageValue }

    /// `YYYYMMDD-NNNN`, the form to show a person.
    public var formatted: String { "\(storageValue.prefix(8))-\(storageValue.suffix(4))" }

    /// `YYYYMMDD-****`, for lists where the birth number and check digit are not needed.
    public var masked: String { "\(storageValue.prefix(8))-****" }
}
