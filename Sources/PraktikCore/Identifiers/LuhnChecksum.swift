/// The Luhn (modulus 10) check digit used by Swedish personnummer and samordningsnummer
/// (Skatteverket, SKV 704 "Personnummer" and SKV 707 "Samordningsnummer") and organisationsnummer.
///
/// Counting from the rightmost payload digit, every other digit is doubled and the digits of the
/// products are summed; the check digit brings the total up to a multiple of ten.
public enum LuhnChecksum {
    /// The check digit to append to `payload`, or nil if an element is not a decimal digit (0...9).
    public static func checkDigit(for payload: [Int]) -> Int? {
        guard payload.allSatisfy(isDecimalDigit) else { return nil }
        let total = weightedSum(payload, doublingFirstFromRight: true)
        return (10 - total % 10) % 10
    }

    /// Whether `digits`, ending with their check digit, pass the Luhn test. False for an empty
    /// array or any element that is not a decimal digit.
    public static func isValid(_ digits: [Int]) -> Bool {
        guard !digits.isEmpty, digits.allSatisfy(isDecimalDigit) else { return false }
        return weightedSum(digits, doublingFirstFromRight: false) % 10 == 0
    }

    private static func isDecimalDigit(_ value: Int) -> Bool { (0...9).contains(value) }

    private static func weightedSum(_ digits: [Int], doublingFirstFromRight: Bool) -> Int {
        var total = 0
        for (offsetFromRight, digit) in digits.reversed().enumerated() {
            let doubled = (offsetFromRight % 2 == 0) == doublingFirstFromRight
            let product = doubled ? digit * 2 : digit
            total += product / 10 + product % 10
        }
        return total
    }
}
