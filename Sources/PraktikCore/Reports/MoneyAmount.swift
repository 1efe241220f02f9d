/// Amounts of money as files write them (`12345.50`: ASCII digits, a decimal point, at most two
/// decimals) and as exact minor units (öre, øre), so sums of a million payments are exact.
public enum MoneyAmount {
    /// The largest amount accepted in one cell: ten billion, far above any benefit paid to one
    /// person, and far from overflowing a sum of millions of them.
    public static let maximumMinorUnits: Int64 = 1_000_000_000_000

    /// `"12345.5"` → 1234550; nil for anything else (a sign, a comma, three decimals, letters).
    public static func minorUnits(_ text: String) -> Int64? {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, digits > 0 else { return nil }
                seenPoint = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            if seenPoint {
                fractionDigits += 1
                guard fractionDigits <= 2 else { return nil }
                fraction = fraction * 10 + digit
            } else {
                digits += 1
                guard digits <= 13 else { return nil }
                whole = whole * 10 + digit
            }
        }
        guard digits > 0, !(seenPoint && fractionDigits == 0) else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let total = whole * 100 + fraction
        return total <= maximumMinorUnits ? total : nil
    }

    /// `1234550` → `"12345.50"`: the file's own format, for CSV and the command line.
    public static func text(minorUnits value: Int64) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return sign + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
