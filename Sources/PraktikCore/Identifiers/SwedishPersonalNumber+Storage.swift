extension SwedishPersonalNumber: StoredAsCanonicalText {
    /// Reads back a `storageValue`: exactly twelve ASCII digits with a valid date and check digit.
    /// No reference date: a number stored yesterday stays readable whatever the clock says.
    public init(storageValue text: String) throws(PersonalNumberError) {
        let digits = text.utf8.compactMap(\.asciiDigitValue)
        guard digits.count == 12, text.utf8.count == 12 else { throw .notCanonical }
        try self.init(validating: digits)
    }
}
