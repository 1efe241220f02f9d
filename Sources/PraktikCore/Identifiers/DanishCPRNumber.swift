/// A Danish personnummer (CPR number), `DDMMYY-SSSS`, validated as CPR-kontoret describes it in
/// "Personnummeret i CPR-systemet".
///
/// Stored as the ten digits `DDMMYYSSSS`, unlike the Swedish number's twelve: every Danish register
/// uses the ten digits, and the century is not lost, because it follows from the year and the
/// seventh digit rather than from the day the number is read.
///
/// The modulus-11 control is reported (`passesModulus11`), never enforced: CPR-kontoret has issued
/// numbers that fail it since 1 October 2007 and requires systems to accept them.
///
/// This type deliberately offers no way to read gender from the last digit: a legal change of sex
/// gives the person a new number, and gender in Praktik's statistics comes from what the person states.
public struct DanishCPRNumber: Sendable, Hashable {
    /// `DDMMYYSSSS`, ASCII digits only.
    public let storageValue: String
    public let birthDate: CivilDate
    /// False for a number that fails the modulus-11 control: valid, but worth a second look at the
    /// digits, since a typo usually fails it too.
    public let passesModulus11: Bool

    private static let modulus11Weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]

    /// Reads `DDMMYY-SSSS` or `DDMMYYSSSS`, ignoring surrounding whitespace.
    ///
    /// - Parameter today: refuses births after it. Passed in so that results never depend on the clock.
    public init(parsing text: String, referenceDate today: CivilDate) throws(PersonalNumberError) {
        let scanned = try ScannedDigits(
            scanning: text, separators: ["-"], reporting: PersonalNumberError.self)
        guard scanned.digits.count == 10 else { throw .wrongLength }
        guard scanned.separatorIsBeforeLastFour else { throw .invalidSeparator }
        try self.init(validating: scanned.digits)
        guard birthDate <= today else { throw .bornInFuture }
    }

    init(validating digits: [Int]) throws(PersonalNumberError) {
        let year = Self.birthYear(
            twoDigitYear: digits.decimalValue(of: 4..<6), seventhDigit: digits[6])
        guard
            let birthDate = CivilDate(
                year: year, month: digits.decimalValue(of: 2..<4), day: digits.decimalValue(of: 0..<2))
        else { throw .invalidDate }
        self.storageValue = digits.decimalText
        self.birthDate = birthDate
        self.passesModulus11 = Modulus11.passes(digits, weights: Self.modulus11Weights)
    }

    /// CPR-kontoret's century table: the seventh digit (first of the serial number) with the
    /// two-digit year.
    ///
    ///     seventh digit   YY 00-36    YY 37-57    YY 58-99
    ///     0-3             1900s       1900s       1900s
    ///     4, 9            2000s       1900s       1900s
    ///     5-8             2000s       2000s       1800s
    private static func birthYear(twoDigitYear: Int, seventhDigit: Int) -> Int {
        let century: Int
        switch seventhDigit {
        case 4, 9: century = twoDigitYear <= 36 ? 2000 : 1900
        case 5...8: century = twoDigitYear <= 57 ? 2000 : 1800
        default: century = 1900
        }
        return century + twoDigitYear
    }
}

extension DanishCPRNumber: CustomStringConvertible {
    /// The canonical ten digits. Beware: this is personal data; log `masked` instead.
    public var description: String { storageValue }

    /// `DDMMYY-SSSS`, the form to show a person.
    public var formatted: String { "\(storageValue.prefix(6))-\(storageValue.suffix(4))" }

    /// `DDMMYY-****`, for lists where the serial number is not needed.
    public var masked: String { "\(storageValue.prefix(6))-****" }
}
