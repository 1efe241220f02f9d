/// A Danish CVR number (Det Centrale Virksomhedsregister), eight digits, validated as
/// Erhvervsstyrelsen describes it: the first digit is never 0, and every CVR number passes the
/// modulus-11 check with weights 2,7,6,5,4,3,2,1. Unlike the CPR number's control, this one has no
/// exceptions, so a failure is a typo and is refused.
public struct DanishCVRNumber: Sendable, Hashable {
    /// `NNNNNNNN`, ASCII digits only.
    public let storageValue: String

    private static let modulus11Weights = [2, 7, 6, 5, 4, 3, 2, 1]

    /// Reads exactly eight digits, ignoring surrounding whitespace.
    public init(parsing text: String) throws(CompanyNumberError) {
        let scanned = try ScannedDigits(scanning: text, reporting: CompanyNumberError.self)
        guard scanned.digits.count == 8 else { throw .wrongLength }
        guard scanned.digits[0] != 0 else { throw .leadingZero }
        guard Modulus11.passes(scanned.digits, weights: Self.modulus11Weights) else {
            throw .wrongCheckDigit
        }
        self.storageValue = scanned.digits.decimalText
    }
}

extension DanishCVRNumber: CustomStringConvertible {
    public var description: String { storageValue }
}
