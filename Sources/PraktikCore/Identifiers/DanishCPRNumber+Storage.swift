extension DanishCPRNumber: StoredAsCanonicalText {
    /// Reads back a `storageValue`: exactly ten ASCII digits with a valid date. No reference date:
    /// a number stored yesterday stays readable whatever the clock says.
    public init(storageValue text: String) throws(PersonalNumberError) {
        let digits = text.utf8.compactMap(\.asciiDigitValue)
        guard digits.count == 10, text.utf8.count == 10 else { throw .notCanonical }
        try self.init(validating: digits)
    }
}
