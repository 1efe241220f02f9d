/// A Danish P-number (produktionsenhedsnummer): the CVR register's number for one workplace of a
/// business, ten digits, never starting with 0.
///
/// Only the format is checked. Erhvervsstyrelsen publishes no check-digit rule for P-numbers that
/// holds for all of them, so refusing on a checksum would turn away real workplaces.
public struct DanishPNumber: Sendable, Hashable {
    /// `NNNNNNNNNN`, ASCII digits only.
    public let storageValue: String

    /// Reads exactly ten digits, ignoring surrounding whitespace.
    public init(parsing text: String) throws(CompanyNumberError) {
        let scanned = try ScannedDigits(scanning: text, reporting: CompanyNumberError.self)
        guard scanned.digits.count == 10 else { throw .wrongLength }
        guard scanned.digits[0] != 0 else { throw .leadingZero }
        self.storageValue = scanned.digits.decimalText
    }
}

extension DanishPNumber: CustomStringConvertible {
    public var description: String { storageValue }
}
