extension DanishCVRNumber: StoredAsCanonicalText {
    /// Reads back a `storageValue`: exactly eight digits, valid.
    public init(storageValue text: String) throws(CompanyNumberError) {
        try self.init(parsing: text)
        guard storageValue == text else { throw .notCanonical }
    }
}
