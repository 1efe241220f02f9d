extension Array where Element == Int {
    /// The number written by the decimal digits in `range`, most significant first.
    func decimalValue(of range: Range<Int>) -> Int {
        self[range].reduce(0) { $0 * 10 + $1 }
    }

    /// The digits as ASCII text, for canonical forms.
    var decimalText: String {
        String(decoding: map { UInt8(ascii: "0") + UInt8($0) }, as: UTF8.self)
    }
}

extension UInt8 {
    /// The value of an ASCII digit byte, or nil. Deliberately ASCII only: `Character.isWholeNumber`
    /// also accepts Arabic-Indic (١٢٣) and full-width (１２) digits, which no register issues and
    /// which would slip past a visual check of the stored value.
    var asciiDigitValue: Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil
    }
}
